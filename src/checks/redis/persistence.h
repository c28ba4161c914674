// RDS003: Redis persists its data (AOF, or RDB with a recent successful save). Rule page:
// docs/rules/RDS003.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisPersistence final : public redis_facts::RedisRule {
 public:
  RedisPersistence();

 protected:
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;

 private:
  Result check_rdb(const redis_facts::Facts& facts) const;
};

}  // namespace shipcheck::checks
