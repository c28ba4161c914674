// RDS002: a second connection that sends no AUTH, then PING. NOAUTH is the passing answer;
// PONG means anyone who reaches the port can read and write every key. DENIED (protected
// mode) also means no password is set: Redis only turns that on for a passwordless default
// user, and it refuses remote clients while local ones still get in.
#include "checks/redis/auth_required.h"

#include <fmt/format.h>

namespace shipcheck::checks {

RedisAuthRequired::RedisAuthRequired()
    : RedisRule(
          RuleInfo{"RDS002", "redis", "Redis requires authentication", Severity::high,
                   "set a password (requirepass, or ACL users and `user default off`) and give "
                   "the service its credentials in the Redis URL"}) {}

std::vector<Result> RedisAuthRequired::check(const Context& /*ctx*/,
                                             const redis_facts::Setup& setup,
                                             const redis_facts::Facts& /*facts*/) const {
  const auto reply = redis_facts::ping_without_auth(setup);
  if (!reply) {
    return {error(redis_facts::describe(reply.error()))};
  }
  const std::string evidence = fmt::format("PING without AUTH: {}", reply->text);
  if (!reply->is_error()) {
    return {fail("Redis answered a client that sent no password", evidence)};
  }
  if (reply->text.rfind("NOAUTH", 0) == 0) {
    return {pass("Redis refused a client that sent no password (NOAUTH)", evidence)};
  }
  if (reply->text.rfind("DENIED", 0) == 0) {
    return {fail("Redis has no password; only protected mode keeps remote clients out", evidence)};
  }
  return {error(fmt::format("unexpected answer to PING without AUTH: {}", reply->text))};
}

}  // namespace shipcheck::checks
