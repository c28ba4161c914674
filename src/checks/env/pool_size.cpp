// ENV012: database pool sizes are integers within the configured bounds.
#include "checks/env/pool_size.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"

namespace shipcheck::checks {

PoolSize::PoolSize()
    : Check(RuleInfo{"ENV012", "env", "Database pool sizes are within bounds", Severity::medium,
                     "size the pool for the expected load (the seeds use 20 to 40) and keep "
                     "pool + overflow per instance below the database's max_connections"}) {}

std::vector<Result> PoolSize::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const EnvConfig& config = ctx.config.env;
  struct Bounds {
    env::Setting setting;
    long long low;
    long long high;
  };
  const Bounds k_bounds[] = {{env::Setting::pool_size, config.pool_min, config.pool_max},
                             {env::Setting::max_overflow, 0, 2LL * config.pool_max}};
  std::vector<Result> out;
  std::vector<std::string> good;
  for (const auto& [setting, low, high] : k_bounds) {
    for (const dotenv::Entry* entry : env::present_vars(*ctx.env, env::variables(setting))) {
      const std::string shown =
          fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
      const auto value = env::parse_int(entry->value);
      if (value && *value >= low && *value <= high) {
        good.push_back(fmt::format("{} ({}..{})", shown, low, high));
        continue;
      }
      const std::string message =
          value ? fmt::format("{} is {}, outside {}..{}", entry->key, *value, low, high)
                : fmt::format("{} is not an integer", entry->key);
      out.push_back(env::at_entry(fail(message, shown), ctx, entry));
    }
  }
  if (out.empty() && good.empty()) {
    return {skip(fmt::format(
        "no pool size ({}, {}) in {}", env::names_of(env::variables(env::Setting::pool_size)),
        env::names_of(env::variables(env::Setting::max_overflow)), ctx.env_path))};
  }
  if (out.empty()) {
    out.push_back(
        env::at_entry(pass(fmt::format("pool sizes are within bounds: {}", fmt::join(good, ", "))),
                      ctx, nullptr));
  }
  return out;
}

}  // namespace shipcheck::checks
