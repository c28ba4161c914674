// ENV007: logs are structured JSON.
#include "checks/env/log_format_json.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {

LogFormatJson::LogFormatJson()
    : Check(RuleInfo{"ENV007", "env", "Logs are JSON", Severity::medium,
                     "set LOG_FORMAT=json (or JSON_LOGS=true) so that log aggregation can parse "
                     "every line"}) {}

std::vector<Result> LogFormatJson::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  std::vector<const dotenv::Entry*> present;
  if (const auto* format = env::first_present(*ctx.env, env::variables(env::Setting::log_format))) {
    present.push_back(format);
  }
  for (const auto* flag : env::present_vars(*ctx.env, env::variables(env::Setting::log_json))) {
    present.push_back(flag);
  }
  if (present.empty()) {
    return {env::at_entry(warn(fmt::format("LOG_FORMAT is not set (nor JSON_LOGS or LOG_JSON) in "
                                           "{}; logs are probably plain text",
                                           ctx.env_path)),
                          ctx, nullptr)};
  }
  std::vector<std::string> shown;
  for (const dotenv::Entry* entry : present) {
    const bool is_format = iequals(entry->key, "LOG_FORMAT");
    const bool json = is_format ? contains_icase(entry->value, "json")
                                : env::parse_bool(entry->value).value_or(false);
    const std::string text =
        fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
    if (json) {
      return {env::at_entry(pass(fmt::format("{} in {}", text, ctx.env_path)), ctx, entry)};
    }
    shown.push_back(text);
  }
  return {env::at_entry(fail(fmt::format("logs are not JSON: {}", fmt::join(shown, ", "))), ctx,
                        present.front())};
}

}  // namespace shipcheck::checks
