// HDR001: Strict-Transport-Security with a max-age of at least six months (the Mozilla
// HTTP Observatory's bound), valid as browsers parse it.
#include "checks/http/hsts.h"

#include <fmt/format.h>

#include "engines/http/headers.h"

namespace shipcheck::checks {
namespace {

constexpr long long k_six_months = 15'768'000;  // seconds, as the Observatory counts them

}  // namespace

HstsHeader::HstsHeader()
    : HeaderRule(RuleInfo{"HDR001", "http", "HSTS header with max-age >= 6 months", Severity::high,
                          "send Strict-Transport-Security: max-age=31536000; includeSubDomains "
                          "on every HTTPS response"}) {}

std::vector<Result> HstsHeader::check(const Context& /*ctx*/,
                                      const http::Response& response) const {
  const auto value = response.header("strict-transport-security");
  if (!value) {
    return {fail("no Strict-Transport-Security header: browsers may be downgraded to HTTP")};
  }
  const std::string evidence = fmt::format("Strict-Transport-Security: {}", *value);
  const http::Hsts hsts = http::parse_hsts(*value);
  if (!hsts.problems.empty()) {
    return {fail(fmt::format("Strict-Transport-Security is invalid ({}); browsers ignore it",
                             fmt::join(hsts.problems, "; ")),
                 evidence)};
  }
  if (*hsts.max_age < k_six_months) {
    return {fail(fmt::format("HSTS max-age is {} s, less than six months ({} s)", *hsts.max_age,
                             k_six_months),
                 evidence)};
  }
  return {pass(fmt::format("HSTS max-age {} s{}", *hsts.max_age,
                           hsts.include_subdomains ? ", includeSubDomains" : ""),
               evidence)};
}

}  // namespace shipcheck::checks
