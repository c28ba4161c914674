// ENV002: no value of the env file is a placeholder nobody replaced.
#include "checks/env/placeholders.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"

namespace shipcheck::checks {

Placeholders::Placeholders()
    : Check(RuleInfo{"ENV002", "env", "No placeholder values in the env file", Severity::high,
                     "replace the placeholder with the real value (generate secrets with "
                     "`shipcheck secret generate`)"}) {}

std::vector<Result> Placeholders::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto entries = env::effective_entries(*ctx.env);
  std::vector<Result> out;
  for (const dotenv::Entry* entry : entries) {
    if (const auto kind = env::placeholder_kind(entry->value)) {
      Result r = fail(fmt::format("{} looks like a placeholder ({})", entry->key, *kind),
                      fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value)));
      out.push_back(env::at_entry(std::move(r), ctx, entry));
    }
  }
  if (out.empty()) {
    out.push_back(env::at_entry(pass(fmt::format("no placeholder among the {} variables of {}",
                                                 entries.size(), ctx.env_path)),
                                ctx, nullptr));
  }
  return out;
}

}  // namespace shipcheck::checks
