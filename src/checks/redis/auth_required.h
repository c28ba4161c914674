// RDS002: Redis refuses clients that do not authenticate. Rule page: docs/rules/RDS002.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisAuthRequired final : public redis_facts::RedisRule {
 public:
  RedisAuthRequired();

 protected:
  bool needs_facts() const override { return false; }
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
