// RDS005: Redis uses less than a share of its maxmemory. Rule page: docs/rules/RDS005.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisMemoryShare final : public redis_facts::RedisRule {
 public:
  RedisMemoryShare();

 protected:
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
