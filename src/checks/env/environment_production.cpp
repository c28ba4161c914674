// ENV005: the first environment-name variable present says production.
#include "checks/env/environment_production.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {

EnvironmentProduction::EnvironmentProduction()
    : Check(RuleInfo{"ENV005", "env", "ENVIRONMENT is production", Severity::high,
                     "set ENVIRONMENT=production (frameworks switch off development behaviour "
                     "and pick production settings from it)"}) {}

std::vector<Result> EnvironmentProduction::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& group = env::variables(env::Setting::environment);
  const dotenv::Entry* entry = env::first_present(*ctx.env, group);
  if (entry == nullptr) {
    return {env::at_entry(fail(fmt::format("ENVIRONMENT is not set (none of {} in {})",
                                           env::names_of(group), ctx.env_path)),
                          ctx, nullptr)};
  }
  const std::string_view value = trim(entry->value);
  const std::string shown = fmt::format("{}={}", entry->key, env::shown_value(entry->key, value));
  if (iequals(value, "production") || iequals(value, "prod")) {
    return {env::at_entry(pass(fmt::format("{} in {}", shown, ctx.env_path)), ctx, entry)};
  }
  const std::string message = value.empty() ? fmt::format("{} is empty, not production", entry->key)
                                            : fmt::format("{} is '{}', not production", entry->key,
                                                          env::shown_value(entry->key, value));
  return {env::at_entry(fail(message, shown), ctx, entry)};
}

}  // namespace shipcheck::checks
