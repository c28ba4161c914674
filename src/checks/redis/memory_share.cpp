// RDS005: used_memory over maxmemory (INFO memory) against
// dependencies.redis.max_memory_share (default 0.9, the seeds' "alert if memory > 90 %
// full"). Without a maxmemory there is no share to take: skipped, RDS004 fails that.
#include "checks/redis/memory_share.h"

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {

RedisMemoryShare::RedisMemoryShare()
    : RedisRule(RuleInfo{"RDS005", "redis", "Redis memory use is below its limit's share",
                         Severity::medium,
                         "raise maxmemory, shorten key TTLs or move data out before the "
                         "instance fills up"}) {}

std::vector<Result> RedisMemoryShare::check(const Context& /*ctx*/, const redis_facts::Setup& setup,
                                            const redis_facts::Facts& facts) const {
  const long long maxmemory = facts.number("maxmemory", 0);
  if (maxmemory <= 0) {
    return {skip(
        "maxmemory is not set, so there is no share to measure (the eviction rule fails that)")};
  }
  const long long used = facts.number("used_memory", 0);
  const double share = static_cast<double>(used) / static_cast<double>(maxmemory);
  const double bound = setup.config->max_memory_share;
  const std::string evidence = fmt::format("used_memory {}, maxmemory {}", used, maxmemory);
  const std::string summary =
      fmt::format("Redis uses {} of {} ({:.0f} %)", redis_facts::bytes_text(used),
                  redis_facts::bytes_text(maxmemory), share * 100);
  if (share >= bound) {
    return {fail(fmt::format("{}, at or above {:.0f} %", summary, bound * 100), evidence)};
  }
  return {pass(fmt::format("{}, below {:.0f} %", summary, bound * 100), evidence)};
}

}  // namespace shipcheck::checks
