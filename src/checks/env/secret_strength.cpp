// ENV003: secret-named variables hold long, random values.
#include "checks/env/secret_strength.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/redact.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// True iff another rule owns the value: empty (ENV001), a placeholder (ENV002), a URL
// (ENV009 / the secret scanner) or a boolean switch such as API_KEY_AUTH=true.
bool judged_elsewhere(std::string_view value) {
  return value.empty() || value.find("://") != std::string_view::npos ||
         env::placeholder_kind(value).has_value() || env::parse_bool(value).has_value();
}

}  // namespace

SecretStrength::SecretStrength()
    : Check(RuleInfo{"ENV003", "env", "Secrets are long and random", Severity::critical,
                     "generate a new value with `shipcheck secret generate` (or "
                     "`python3 -c 'import secrets; print(secrets.token_urlsafe(48))'`) and "
                     "rotate it"}) {}

std::vector<Result> SecretStrength::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto min_length = static_cast<std::size_t>(ctx.config.env.secret_min_length);
  const double min_entropy = ctx.config.env.secret_min_entropy;
  std::vector<Result> out;
  std::string judged;
  for (const dotenv::Entry* entry : env::effective_entries(*ctx.env)) {
    const std::string_view value = trim(entry->value);
    if (!env::is_strength_checked_name(entry->key) || judged_elsewhere(value)) {
      continue;
    }
    judged += (judged.empty() ? "" : ", ") + entry->key;
    const double entropy = shannon_entropy(value);
    std::vector<std::string> problems;
    if (value.size() < min_length) {
      problems.push_back(fmt::format("too short ({} < {} characters)", value.size(), min_length));
    }
    if (entropy < min_entropy) {
      problems.push_back(
          fmt::format("not random enough ({:.2f} < {:.2f} bits/char)", entropy, min_entropy));
    }
    if (!problems.empty()) {
      Result r = fail(fmt::format("{} is weak: {}", entry->key, fmt::join(problems, " and ")),
                      fmt::format("{}={} length={} entropy={:.2f} bits/char", entry->key,
                                  redact_value(value), value.size(), entropy));
      out.push_back(env::at_entry(std::move(r), ctx, entry));
    }
  }
  if (judged.empty()) {
    return {env::at_entry(
        skip(fmt::format("no secret-named variable with a value in {}", ctx.env_path)), ctx,
        nullptr)};
  }
  if (out.empty()) {
    out.push_back(
        env::at_entry(pass(fmt::format("every secret has >= {} characters and >= {:.1f} bits/char",
                                       min_length, min_entropy),
                           judged),
                      ctx, nullptr));
  }
  return out;
}

}  // namespace shipcheck::checks
