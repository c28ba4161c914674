// RDS001: one authenticated connection (AUTH and SELECT from the URL) and PING, each within
// dependencies.redis.timeout. Refused, timed out or rejected credentials all fail: the
// service could not use this Redis either; the message names which.
#include "checks/redis/reachable.h"

#include <fmt/format.h>

namespace shipcheck::checks {

RedisReachable::RedisReachable()
    : RedisRule(RuleInfo{"RDS001", "redis", "Redis answers PING", Severity::critical,
                         "start Redis, or fix the URL in the variable dependencies.redis.url_env "
                         "names (host, port, password)"}) {}

Result RedisReachable::unreachable(const redis::Failure& failure) const {
  if (failure.kind == redis::FailureKind::unsupported) {
    return error(redis_facts::describe(failure));  // says nothing about the server
  }
  return fail(fmt::format("Redis is not usable: {}", redis_facts::describe(failure)));
}

std::vector<Result> RedisReachable::check(const Context& /*ctx*/,
                                          const redis_facts::Setup& /*setup*/,
                                          const redis_facts::Facts& facts) const {
  const std::string version = facts.field("redis_version");
  if (!facts.ping_error.empty()) {
    return {fail(fmt::format("Redis {} answered PING with an error", version), facts.ping_error)};
  }
  const std::string evidence =
      fmt::format("redis_mode {}, role {}, uptime {} s", facts.field("redis_mode"),
                  facts.field("role"), facts.field("uptime_in_seconds"));
  return {
      pass(fmt::format("Redis {} answered PING", version.empty() ? "(version unknown)" : version),
           evidence)};
}

}  // namespace shipcheck::checks
