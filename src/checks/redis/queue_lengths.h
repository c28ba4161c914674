// RDS007: the configured queues are shorter than a bound. Rule page: docs/rules/RDS007.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisQueueLengths final : public redis_facts::RedisRule {
 public:
  RedisQueueLengths();

 protected:
  bool needs_facts() const override { return false; }
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
