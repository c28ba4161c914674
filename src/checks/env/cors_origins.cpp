// ENV008: CORS origin lists name explicit https origins (and match the config's list).
#include "checks/env/cors_origins.h"

#include <algorithm>
#include <iterator>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/redact.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// Origins compare case-insensitively and without a trailing slash.
std::string normalise(std::string_view origin) {
  std::string out = to_lower(trim(origin));
  while (out.size() > 1 && out.back() == '/') {
    out.pop_back();
  }
  return out;
}

// A comma-separated list or a JSON array of strings (pydantic's list syntax); nullopt if
// the value starts like JSON but is not an array of strings.
std::optional<std::vector<std::string>> parse_origins(std::string_view value) {
  std::vector<std::string> out;
  const std::string_view text = trim(value);
  if (!text.empty() && text.front() == '[') {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_array()) {
      return std::nullopt;
    }
    for (const auto& item : json) {
      if (!item.is_string()) {
        return std::nullopt;
      }
      out.push_back(normalise(item.get<std::string>()));
    }
    return out;
  }
  for (const auto& part : split(text, ',')) {
    if (!trim(part).empty()) {
      out.push_back(normalise(part));
    }
  }
  return out;
}

// What is wrong with one variable's list; empty when nothing is.
std::vector<std::string> problems_of(const std::vector<std::string>& origins,
                                     const std::vector<std::string>& configured) {
  std::vector<std::string> problems;
  std::vector<std::string> plain;
  for (const auto& origin : origins) {
    if (origin == "*") {
      problems.emplace_back("allows any origin (*)");
    } else if (origin.rfind("https://", 0) != 0) {
      plain.push_back(origin);
    }
  }
  if (!plain.empty()) {
    problems.push_back(fmt::format("has non-https origins: {}", fmt::join(plain, ", ")));
  }
  if (configured.empty()) {
    return problems;
  }
  std::set<std::string> want;
  for (const auto& origin : configured) {
    want.insert(normalise(origin));
  }
  const std::set<std::string> have(origins.begin(), origins.end());
  std::vector<std::string> missing;
  std::vector<std::string> extra;
  std::set_difference(want.begin(), want.end(), have.begin(), have.end(),
                      std::back_inserter(missing));
  std::set_difference(have.begin(), have.end(), want.begin(), want.end(),
                      std::back_inserter(extra));
  if (!missing.empty() || !extra.empty()) {
    problems.push_back(
        fmt::format("differs from cors.allowed_origins (missing: {}; unexpected: {})",
                    missing.empty() ? "none" : fmt::format("{}", fmt::join(missing, ", ")),
                    extra.empty() ? "none" : fmt::format("{}", fmt::join(extra, ", "))));
  }
  return problems;
}

}  // namespace

CorsOrigins::CorsOrigins()
    : Check(RuleInfo{"ENV008", "env", "CORS origins are explicit https origins", Severity::high,
                     "list the production front-end origins explicitly, e.g. "
                     "CORS_ORIGINS=https://app.example.com"}) {}

std::vector<Result> CorsOrigins::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& group = env::variables(env::Setting::cors_origins);
  const auto present = env::present_vars(*ctx.env, group);
  if (present.empty()) {
    return {
        skip(fmt::format("no CORS origin list ({}) in {}", env::names_of(group), ctx.env_path))};
  }
  std::vector<Result> out;
  std::vector<std::string> good;
  for (const dotenv::Entry* entry : present) {
    const std::string shown =
        fmt::format("{}={}", entry->key, env::shown_value(entry->key, entry->value));
    const auto origins = parse_origins(entry->value);
    const auto problems = origins ? problems_of(*origins, ctx.config.cors.allowed_origins)
                                  : std::vector<std::string>{"is not a list of origins"};
    if (problems.empty()) {
      good.push_back(shown);
      continue;
    }
    out.push_back(env::at_entry(
        fail(Redactor().scrub(fmt::format("{} {}", entry->key, fmt::join(problems, "; "))), shown),
        ctx, entry));
  }
  if (out.empty()) {
    out.push_back(env::at_entry(pass(fmt::format("only explicit https origins in {}", ctx.env_path),
                                     fmt::format("{}", fmt::join(good, "; "))),
                                ctx, present.front()));
  }
  return out;
}

}  // namespace shipcheck::checks
