// RDS009: the configured dangerous commands are renamed away or denied to the URL's user.
// Rule page: docs/rules/RDS009.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisDangerousCommands final : public redis_facts::RedisRule {
 public:
  RedisDangerousCommands();

 protected:
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
