// RDS004: from INFO memory (maxmemory, maxmemory_policy), judged by
// dependencies.redis.use: a cache must evict (noeviction turns a full cache into write
// errors), while a queue, sessions or a token blacklist must not (eviction silently drops
// tasks, logs users out, or lets a revoked token back in).
#include "checks/redis/eviction_policy.h"

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {
namespace {

// What is wrong with `policy` for `use`, or "".
std::string policy_problem(const std::string& use, const std::string& policy) {
  if (use == "cache") {
    return policy == "noeviction"
               ? "a cache with maxmemory-policy noeviction answers writes with OOM errors when full"
               : "";
  }
  return policy != "noeviction"
             ? fmt::format("maxmemory-policy {} evicts keys, and a {} must not lose any", policy,
                           use == "token_blacklist" ? "token blacklist" : use)
             : "";
}

}  // namespace

RedisEvictionPolicy::RedisEvictionPolicy()
    : RedisRule(RuleInfo{"RDS004", "redis",
                         "Redis has a memory limit and a fitting eviction policy", Severity::medium,
                         "set maxmemory (e.g. 75 % of the container's memory) and "
                         "maxmemory-policy: allkeys-lru for a cache, noeviction for a queue, "
                         "sessions or a token blacklist"}) {}

std::vector<Result> RedisEvictionPolicy::check(const Context& /*ctx*/,
                                               const redis_facts::Setup& setup,
                                               const redis_facts::Facts& facts) const {
  const long long maxmemory = facts.number("maxmemory", 0);
  const std::string policy = facts.field("maxmemory_policy");
  const std::string& use = setup.config->use;
  const std::string evidence =
      fmt::format("maxmemory {}, maxmemory-policy {}, use {}", maxmemory, policy, use);
  std::vector<std::string> problems;
  if (maxmemory == 0) {
    problems.emplace_back("maxmemory is not set: Redis grows until the system kills it");
  }
  if (auto problem = policy_problem(use, policy); !problem.empty()) {
    problems.push_back(std::move(problem));
  }
  if (!problems.empty()) {
    std::string message = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i) {
      message += "; " + problems[i];
    }
    return {fail(message, evidence)};
  }
  return {pass(fmt::format("maxmemory {} with policy {} (use: {})",
                           redis_facts::bytes_text(maxmemory), policy, use),
               evidence)};
}

}  // namespace shipcheck::checks
