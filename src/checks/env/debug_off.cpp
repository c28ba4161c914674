// ENV004: DEBUG (and the frameworks' own debug switches) is off when set.
#include "checks/env/debug_off.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {

DebugOff::DebugOff()
    : Check(RuleInfo{"ENV004", "env", "Debug mode is off", Severity::critical,
                     "set DEBUG=false (debug mode shows tracebacks, settings and sometimes an "
                     "interactive console to anyone)"}) {}

std::vector<Result> DebugOff::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& group = env::variables(env::Setting::debug);
  const auto present = env::present_vars(*ctx.env, group);
  std::vector<Result> out;
  std::vector<std::string> off;
  for (const dotenv::Entry* entry : present) {
    const std::string shown =
        fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
    // An empty value reads as off: Django/Flask compare with "true", pydantic rejects it.
    const auto on =
        trim(entry->value).empty() ? std::optional(false) : env::parse_bool(entry->value);
    if (on == false) {
      off.push_back(shown);
      continue;
    }
    const std::string message =
        on ? fmt::format("{} is on", entry->key)
           : fmt::format("{} has a value that is not clearly off; set {}=false", entry->key,
                         entry->key);
    out.push_back(env::at_entry(fail(message, shown + " in " + ctx.env_path), ctx, entry));
  }
  if (!out.empty()) {
    return out;
  }
  if (present.empty()) {
    return {env::at_entry(pass(fmt::format("no debug switch is set in {} ({} default to off)",
                                           ctx.env_path, env::names_of(group))),
                          ctx, nullptr)};
  }
  return {env::at_entry(pass(fmt::format("{} in {}", fmt::join(off, ", "), ctx.env_path)), ctx,
                        present.front())};
}

}  // namespace shipcheck::checks
