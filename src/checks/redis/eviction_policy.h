// RDS004: maxmemory is set and maxmemory-policy fits what the instance is for. Rule page:
// docs/rules/RDS004.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisEvictionPolicy final : public redis_facts::RedisRule {
 public:
  RedisEvictionPolicy();

 protected:
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
