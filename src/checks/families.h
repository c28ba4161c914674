// One registration function per family; register_all() calls each, in ID order.
#pragma once

#include "core/registry.h"

namespace shipcheck::checks {

void register_env(Registry& registry);       // ENV: src/checks/env/register.cpp
void register_repo(Registry& registry);      // GIT: src/checks/repo/register.cpp
void register_commands(Registry& registry);  // CMD: src/checks/commands/register.cpp
void register_docs(Registry& registry);      // DOC: src/checks/docs/register.cpp
void register_secrets(Registry& registry);   // SEC: src/checks/secrets/register.cpp
void register_docker(Registry& registry);    // DKR: src/checks/docker/register.cpp
void register_compose(Registry& registry);   // CMP: src/checks/compose/register.cpp
void register_k8s(Registry& registry);       // K8S: src/checks/k8s/register.cpp
void register_http(Registry& registry);      // HDR: src/checks/http/register.cpp
void register_tls(Registry& registry);       // TLS: src/checks/tls/register.cpp
void register_postgres(Registry& registry);  // PG: src/checks/postgres/register.cpp
void register_redis(Registry& registry);     // RDS: src/checks/redis/register.cpp
void register_dns(Registry& registry);       // DNS: src/checks/dns/register.cpp
void register_drills(Registry& registry);    // DRL: src/checks/drills/register.cpp
void register_perf(Registry& registry);      // PERF: src/checks/perf/register.cpp
void register_watch(Registry& registry);     // WATCH: src/checks/watch/register.cpp

}  // namespace shipcheck::checks
