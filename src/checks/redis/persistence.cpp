// RDS003: INFO persistence says whether AOF is on and how the last writes and saves went;
// only CONFIG GET save says whether RDB snapshots are scheduled at all. Skipped when
// dependencies.redis.persistence is false (a pure cache may start empty).
#include "checks/redis/persistence.h"

#include <ctime>

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {
namespace {

// Unsaved changes older than this mean the save points are not doing their job.
constexpr long long k_max_save_age_s = 24 * 3600;

// The server's own clock (INFO server_time_usec, Redis 6+), else ours.
long long server_now(const redis_facts::Facts& facts) {
  const long long usec = facts.number("server_time_usec", 0);
  return usec > 0 ? usec / 1'000'000 : static_cast<long long>(std::time(nullptr));
}

}  // namespace

RedisPersistence::RedisPersistence()
    : RedisRule(RuleInfo{"RDS003", "redis", "Redis persists its data", Severity::high,
                         "turn on AOF (appendonly yes, appendfsync everysec), or RDB save points "
                         "(save 3600 1 300 100 60 10000) on a disk with room for the snapshot"}) {}

std::vector<Result> RedisPersistence::check(const Context& /*ctx*/, const redis_facts::Setup& setup,
                                            const redis_facts::Facts& facts) const {
  if (!setup.config->persistence) {
    return {skip("dependencies.redis.persistence is false")};
  }
  if (facts.field("aof_enabled") == "1") {
    const std::string status = facts.field("aof_last_write_status");
    const std::string evidence =
        fmt::format("aof_enabled:1, aof_last_write_status:{}, appendfsync {}", status,
                    facts.config.count("appendfsync") ? facts.config.at("appendfsync") : "?");
    if (status != "ok") {
      return {fail(fmt::format("AOF is on but its last write failed ({})", status), evidence)};
    }
    return {pass("AOF persistence is on", evidence)};
  }
  return {check_rdb(facts)};
}

Result RedisPersistence::check_rdb(const redis_facts::Facts& facts) const {
  const auto save = facts.config.find("save");
  if (save == facts.config.end()) {
    return error(fmt::format(
        "AOF is off, and CONFIG GET save was refused ({}): cannot tell whether RDB snapshots "
        "are scheduled",
        facts.config_error));
  }
  if (save->second.empty()) {
    return fail("neither AOF nor RDB snapshots are on: a restart loses every key",
                "aof_enabled:0, save \"\"");
  }
  const std::string status = facts.field("rdb_last_bgsave_status");
  const long long age = server_now(facts) - facts.number("rdb_last_save_time", 0);
  const long long changes = facts.number("rdb_changes_since_last_save", 0);
  const std::string evidence =
      fmt::format("save \"{}\", rdb_last_bgsave_status:{}, last save {} s ago, {} changes since",
                  save->second, status, age, changes);
  if (status != "ok") {
    return fail("the last RDB snapshot failed", evidence);
  }
  if (changes > 0 && age > k_max_save_age_s) {
    return fail(fmt::format("{} changes are unsaved and the last RDB snapshot is {} hours old",
                            changes, age / 3600),
                evidence);
  }
  return pass(
      fmt::format("RDB snapshots are on (save \"{}\") and the last one succeeded", save->second),
      evidence);
}

}  // namespace shipcheck::checks
