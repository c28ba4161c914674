// The redis family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/redis/auth_required.h"
#include "checks/redis/cluster_shape.h"
#include "checks/redis/dangerous_commands.h"
#include "checks/redis/dead_letter_queues.h"
#include "checks/redis/eviction_policy.h"
#include "checks/redis/memory_share.h"
#include "checks/redis/persistence.h"
#include "checks/redis/protected_mode.h"
#include "checks/redis/queue_lengths.h"
#include "checks/redis/reachable.h"

namespace shipcheck::checks {

void register_redis(Registry& registry) {
  registry.emplace<RedisAuthRequired>();
  registry.emplace<RedisClusterShape>();
  registry.emplace<RedisDangerousCommands>();
  registry.emplace<RedisDeadLetterQueues>();
  registry.emplace<RedisEvictionPolicy>();
  registry.emplace<RedisMemoryShare>();
  registry.emplace<RedisPersistence>();
  registry.emplace<RedisProtectedMode>();
  registry.emplace<RedisQueueLengths>();
  registry.emplace<RedisReachable>();
}

}  // namespace shipcheck::checks
