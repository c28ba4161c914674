// RDS008: Redis is not open to other hosts without a password. Rule page:
// docs/rules/RDS008.md
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisProtectedMode final : public redis_facts::RedisRule {
 public:
  RedisProtectedMode();

 protected:
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

namespace redis_bind {

// The addresses in CONFIG GET bind's value that other hosts can reach: every entry but the
// loopback ones (127.x, ::1, localhost), with any '-' (optional) prefix dropped. An empty
// value binds every interface: {"*"}.
std::vector<std::string> reachable_addresses(std::string_view bind);

// True for an entry of the above that means every interface (*, 0.0.0.0, ::, ::*).
bool is_wildcard(std::string_view address);

}  // namespace redis_bind

}  // namespace shipcheck::checks
