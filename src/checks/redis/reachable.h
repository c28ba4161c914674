// RDS001: Redis answers PING within the timeout. Rule page: docs/rules/RDS001.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisReachable final : public redis_facts::RedisRule {
 public:
  RedisReachable();

 protected:
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
  // Unreachable is this rule's failing verdict, not an inconclusive one.
  Result unreachable(const redis::Failure& failure) const override;
};

}  // namespace shipcheck::checks
