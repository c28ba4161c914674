// HDR002: a Content-Security-Policy that sets default-src and lets no inline or eval'd
// script run (graded like the Mozilla HTTP Observatory's CSP test).
#include "checks/http/csp.h"

#include <algorithm>

#include <fmt/format.h>

#include "engines/http/headers.h"

namespace shipcheck::checks {
namespace {

bool has_source(const std::vector<std::string>& sources, std::string_view wanted) {
  return std::find(sources.begin(), sources.end(), wanted) != sources.end();
}

// CSP Level 3: a nonce, a hash or 'strict-dynamic' makes browsers ignore 'unsafe-inline'.
bool inline_is_neutralised(const std::vector<std::string>& sources) {
  return std::any_of(sources.begin(), sources.end(), [](const std::string& s) {
    return s.rfind("'nonce-", 0) == 0 || s.rfind("'sha256-", 0) == 0 ||
           s.rfind("'sha384-", 0) == 0 || s.rfind("'sha512-", 0) == 0 || s == "'strict-dynamic'";
  });
}

// What a policy lets scripts do that it should not; empty when nothing.
std::vector<std::string> script_weaknesses(const http::Csp& policy) {
  const std::vector<std::string>* sources = policy.sources_for("script-src");
  if (sources == nullptr) {
    return {"no script-src or default-src: scripts may load from anywhere"};
  }
  std::vector<std::string> out;
  if (has_source(*sources, "'unsafe-inline'") && !inline_is_neutralised(*sources)) {
    out.emplace_back("script-src allows 'unsafe-inline'");
  }
  if (has_source(*sources, "'unsafe-eval'")) {
    out.emplace_back("script-src allows 'unsafe-eval'");
  }
  for (const char* any : {"*", "http:", "https:", "data:"}) {
    if (has_source(*sources, any)) {
      out.push_back(fmt::format("script-src allows any source ({})", any));
    }
  }
  return out;
}

}  // namespace

CspHeader::CspHeader()
    : HeaderRule(RuleInfo{"HDR002", "http", "Content-Security-Policy restricts scripts",
                          Severity::medium,
                          "send Content-Security-Policy with default-src (for an API: "
                          "default-src 'none'; frame-ancestors 'none') and no 'unsafe-inline' "
                          "or 'unsafe-eval' in script-src"}) {}

std::vector<Result> CspHeader::check(const Context& /*ctx*/, const http::Response& response) const {
  const auto headers = response.headers_named("content-security-policy");
  if (headers.empty()) {
    const bool report_only = response.header("content-security-policy-report-only").has_value();
    return {fail(report_only ? "only Content-Security-Policy-Report-Only is sent, which "
                               "enforces nothing"
                             : "no Content-Security-Policy header")};
  }
  std::vector<http::Csp> policies;
  for (const auto value : headers) {
    auto parsed = http::parse_csp(value);
    policies.insert(policies.end(), parsed.begin(), parsed.end());
  }
  const std::string evidence = fmt::format("Content-Security-Policy: {}", fmt::join(headers, ", "));
  if (policies.empty()) {
    return {fail("Content-Security-Policy has no directives", evidence)};
  }
  // Every policy is enforced, so a weakness counts only if no policy closes it.
  std::vector<std::string> weaknesses = script_weaknesses(policies.front());
  for (const auto& policy : policies) {
    const auto own = script_weaknesses(policy);
    std::erase_if(weaknesses, [&](const std::string& w) { return !has_source(own, w); });
  }
  const bool default_src = std::any_of(policies.begin(), policies.end(),
                                       [](const http::Csp& p) { return p.has("default-src"); });
  if (!default_src) {
    weaknesses.insert(weaknesses.begin(), "default-src is not set");
  }
  if (!weaknesses.empty()) {
    return {fail(fmt::format("Content-Security-Policy is weak: {}", fmt::join(weaknesses, "; ")),
                 evidence)};
  }
  return {pass("Content-Security-Policy sets default-src and allows no inline or eval'd script",
               evidence)};
}

}  // namespace shipcheck::checks
