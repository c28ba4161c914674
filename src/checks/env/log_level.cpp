// ENV006: the log level keeps production logs useful but not verbose.
#include "checks/env/log_level.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// Python's numeric levels are accepted too: 20 INFO, 30 WARNING, 40 ERROR.
constexpr std::array<std::string_view, 7> k_good = {"INFO", "WARNING", "WARN", "ERROR",
                                                    "20",   "30",      "40"};
constexpr std::array<std::string_view, 7> k_verbose = {"DEBUG",  "TRACE", "VERBOSE", "ALL",
                                                       "NOTSET", "10",    "5"};

bool one_of(std::string_view value, auto const& list) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

LogLevel::LogLevel()
    : Check(RuleInfo{"ENV006", "env", "Log level is INFO, WARNING or ERROR", Severity::medium,
                     "set LOG_LEVEL=INFO (or WARNING)"}) {}

std::vector<Result> LogLevel::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& group = env::variables(env::Setting::log_level);
  const dotenv::Entry* entry = env::first_present(*ctx.env, group);
  if (entry == nullptr) {
    return {env::at_entry(warn(fmt::format("LOG_LEVEL is not set (none of {} in {}); the "
                                           "framework's default level applies",
                                           env::names_of(group), ctx.env_path)),
                          ctx, nullptr)};
  }
  const std::string level = to_upper(trim(entry->value));
  const std::string shown = fmt::format("{}={}", entry->key, env::shown_value(entry->key, level));
  if (one_of(level, k_good)) {
    return {env::at_entry(pass(fmt::format("{} in {}", shown, ctx.env_path)), ctx, entry)};
  }
  std::string message;
  if (one_of(level, k_verbose)) {
    message = fmt::format("{} is {}: debug logging in production", entry->key, level);
  } else {
    message = fmt::format("{} is '{}', not INFO, WARNING or ERROR", entry->key,
                          env::shown_value(entry->key, level));
  }
  return {env::at_entry(fail(message, shown), ctx, entry)};
}

}  // namespace shipcheck::checks
