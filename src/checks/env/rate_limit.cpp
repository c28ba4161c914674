// ENV011: rate limiting is configured, enabled and has a positive limit.
#include "checks/env/rate_limit.h"

#include <cctype>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// "60", "100/minute", "100 per minute", "200 per day;50 per hour": the leading count.
std::optional<long long> leading_count(std::string_view value) {
  const std::string_view text = trim(value);
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
    ++digits;
  }
  const std::string_view rest = trim(text.substr(digits));
  const bool unit = rest.empty() || rest.front() == '/' || rest.rfind("per ", 0) == 0;
  if (digits == 0 || !unit) {
    return std::nullopt;
  }
  return env::parse_int(text.substr(0, digits));
}

}  // namespace

RateLimit::RateLimit()
    : Check(RuleInfo{"ENV011", "env", "Rate limiting is enabled", Severity::high,
                     "set RATE_LIMIT_ENABLED=true and RATE_LIMIT_PER_MINUTE to a positive "
                     "number (the seeds use 60 to 100 requests per minute)"}) {}

std::vector<Result> RateLimit::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& switches = env::variables(env::Setting::rate_limit_enabled);
  const auto& limits = env::variables(env::Setting::rate_limit);
  const auto enabled = env::present_vars(*ctx.env, switches);
  const auto rates = env::present_vars(*ctx.env, limits);
  if (enabled.empty() && rates.empty()) {
    return {env::at_entry(
        fail(fmt::format("rate limiting is not configured (none of {}, {} in {})",
                         env::names_of(switches), env::names_of(limits), ctx.env_path)),
        ctx, nullptr)};
  }
  std::vector<Result> out;
  std::vector<std::string> good;
  for (const dotenv::Entry* entry : enabled) {
    const std::string shown =
        fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
    const auto on = env::parse_bool(entry->value);
    if (on == true) {
      good.push_back(shown);
      continue;
    }
    const std::string message = on.has_value()
                                    ? fmt::format("rate limiting is disabled ({})", shown)
                                    : fmt::format("{} is not a boolean", entry->key);
    out.push_back(env::at_entry(fail(message, shown), ctx, entry));
  }
  for (const dotenv::Entry* entry : rates) {
    const std::string shown =
        fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
    const auto count = leading_count(entry->value);
    if (count && *count > 0) {
      good.push_back(shown);
    } else {
      out.push_back(env::at_entry(
          fail(fmt::format("{} is not a positive limit", entry->key), shown), ctx, entry));
    }
  }
  if (out.empty()) {
    out.push_back(env::at_entry(pass(fmt::format("rate limiting is on: {}", fmt::join(good, ", "))),
                                ctx, nullptr));
  }
  return out;
}

}  // namespace shipcheck::checks
