// RDS010: the configured dead-letter queues are keys a worker can push failed tasks to, and
// not piling up. Rule page: docs/rules/RDS010.md
#pragma once

#include "checks/redis/redis_facts.h"

namespace shipcheck::checks {

class RedisDeadLetterQueues final : public redis_facts::RedisRule {
 public:
  RedisDeadLetterQueues();

 protected:
  bool needs_facts() const override { return false; }
  std::vector<Result> check(const Context& ctx, const redis_facts::Setup& setup,
                            const redis_facts::Facts& facts) const override;
};

}  // namespace shipcheck::checks
