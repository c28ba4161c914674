// HDR005: a Referrer-Policy that does not send full URLs (paths, query strings, tokens in
// them) to other sites.
#include "checks/http/referrer_policy.h"

#include <array>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks {
namespace {

constexpr std::array<std::string_view, 5> k_private = {
    "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
    "no-referrer-when-downgrade"};
constexpr std::array<std::string_view, 3> k_leaky = {"unsafe-url", "origin",
                                                     "origin-when-cross-origin"};

bool one_of(std::string_view value, const auto& list) {
  for (const auto item : list) {
    if (value == item) {
      return true;
    }
  }
  return false;
}

}  // namespace

ReferrerPolicy::ReferrerPolicy()
    : HeaderRule(RuleInfo{"HDR005", "http", "Referrer-Policy keeps URLs private", Severity::low,
                          "send Referrer-Policy: strict-origin-when-cross-origin (or "
                          "no-referrer)"}) {}

std::vector<Result> ReferrerPolicy::check(const Context& /*ctx*/,
                                          const http::Response& response) const {
  const auto value = response.header("referrer-policy");
  if (!value) {
    return {
        fail("no Referrer-Policy header (browsers fall back to their own default, which "
             "older ones set to sending full URLs)")};
  }
  const std::string evidence = fmt::format("Referrer-Policy: {}", *value);
  // A list is allowed for fallback; browsers apply the last value they know.
  std::string effective;
  for (const auto& token : split(*value, ',')) {
    const std::string policy = to_lower(trim(token));
    if (one_of(policy, k_private) || one_of(policy, k_leaky)) {
      effective = policy;
    }
  }
  if (effective.empty()) {
    return {
        fail(fmt::format("Referrer-Policy '{}' names no policy browsers know", *value), evidence)};
  }
  if (one_of(effective, k_leaky)) {
    return {fail(fmt::format("Referrer-Policy {} sends the origin or the full URL to other sites",
                             effective),
                 evidence)};
  }
  return {pass(fmt::format("Referrer-Policy {}", effective), evidence)};
}

}  // namespace shipcheck::checks
