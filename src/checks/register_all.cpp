// The list of families. Adding a family adds one line here and one in families.h.
#include "checks/families.h"

namespace shipcheck {

void register_all(Registry& registry) {
  checks::register_commands(registry);
  checks::register_compose(registry);
  checks::register_docker(registry);
  checks::register_dns(registry);
  checks::register_docs(registry);
  checks::register_drills(registry);
  checks::register_env(registry);
  checks::register_http(registry);
  checks::register_repo(registry);
  checks::register_k8s(registry);
  checks::register_perf(registry);
  checks::register_postgres(registry);
  checks::register_redis(registry);
  checks::register_secrets(registry);
  checks::register_tls(registry);
  checks::register_watch(registry);
}

}  // namespace shipcheck
