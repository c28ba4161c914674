// RDS006: the Redis Cluster is ok and has the configured primaries and replicas. Rule page:
// docs/rules/RDS006.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisClusterShape final : public redis_facts::RedisRule {
 public:
  RedisClusterShape();

 protected:
  bool needs_facts() const override { return false; }
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
