// ENV010: access tokens expire, and within env.jwt_max_minutes.
#include "checks/env/jwt_expiry.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Seconds per unit word of a duration ("15m", "2 days", "3600"; bare numbers are seconds).
std::optional<double> unit_seconds(std::string_view unit) {
  const std::string u = to_lower(trim(unit));
  const std::pair<std::vector<std::string_view>, double> k_units[] = {
      {{"", "s", "sec", "secs", "second", "seconds"}, 1},
      {{"ms", "msec", "msecs", "millisecond", "milliseconds"}, 0.001},
      {{"m", "min", "mins", "minute", "minutes"}, 60},
      {{"h", "hr", "hrs", "hour", "hours"}, 3600},
      {{"d", "day", "days"}, 86400},
      {{"w", "week", "weeks"}, 7 * 86400}};
  for (const auto& [names, seconds] : k_units) {
    if (std::find(names.begin(), names.end(), u) != names.end()) {
      return seconds;
    }
  }
  return std::nullopt;
}

std::optional<double> parse_duration(std::string_view value) {
  const std::string_view text = trim(value);
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data()) {
    return std::nullopt;
  }
  const auto unit = unit_seconds(text.substr(static_cast<std::size_t>(end - text.data())));
  return unit ? std::optional(number * *unit) : std::nullopt;
}

// The lifetime in seconds, from the name's unit; nullopt if the value is not a number.
std::optional<double> lifetime_seconds(std::string_view name, std::string_view value) {
  const std::string upper = to_upper(name);
  if (upper == "JWT_EXPIRES_IN") {
    return parse_duration(value);
  }
  const auto number = env::parse_int(value);
  if (!number) {
    return std::nullopt;
  }
  const double unit = ends_with(upper, "_HOURS") ? 3600 : ends_with(upper, "_MINUTES") ? 60 : 1;
  return static_cast<double>(*number) * unit;
}

std::string human(double seconds) {
  if (seconds >= 2 * 86400 && static_cast<long long>(seconds) % 86400 == 0) {
    return fmt::format("{} d", static_cast<long long>(seconds) / 86400);
  }
  if (seconds >= 3600 && static_cast<long long>(seconds) % 3600 == 0) {
    return fmt::format("{} h", static_cast<long long>(seconds) / 3600);
  }
  return seconds >= 60 ? fmt::format("{:g} min", seconds / 60) : fmt::format("{:g} s", seconds);
}

}  // namespace

JwtExpiry::JwtExpiry()
    : Check(RuleInfo{"ENV010", "env", "JWT access tokens expire within the limit", Severity::medium,
                     "give access tokens a short lifetime (15 to 60 minutes, at most "
                     "env.jwt_max_minutes) and use refresh tokens for longer sessions"}) {}

std::vector<Result> JwtExpiry::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& group = env::variables(env::Setting::jwt_expiry);
  const auto present = env::present_vars(*ctx.env, group);
  if (present.empty()) {
    return {skip(fmt::format("no token lifetime ({}) in {}", env::names_of(group), ctx.env_path))};
  }
  const double limit = ctx.config.env.jwt_max_minutes * 60.0;
  std::vector<Result> out;
  std::vector<std::string> good;
  for (const dotenv::Entry* entry : present) {
    const std::string shown =
        fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
    const auto seconds = lifetime_seconds(entry->key, entry->value);
    std::string problem;
    if (!seconds) {
      problem = env::parse_bool(entry->value) == false ? "disables expiry: tokens never expire"
                                                       : "is not a duration";
    } else if (*seconds <= 0) {
      problem = "is not positive: tokens may never expire";
    } else if (*seconds > limit) {
      problem = fmt::format("is {}, above the {} limit (env.jwt_max_minutes={})", human(*seconds),
                            human(limit), ctx.config.env.jwt_max_minutes);
    }
    if (problem.empty()) {
      good.push_back(fmt::format("{} ({})", shown, human(*seconds)));
    } else {
      out.push_back(
          env::at_entry(fail(fmt::format("{} {}", entry->key, problem), shown), ctx, entry));
    }
  }
  if (out.empty()) {
    out.push_back(env::at_entry(pass(fmt::format("access tokens expire within {}: {}", human(limit),
                                                 fmt::join(good, ", "))),
                                ctx, present.front()));
  }
  return out;
}

}  // namespace shipcheck::checks
