// HDR003: the page cannot be framed by other sites (clickjacking): X-Frame-Options DENY or
// SAMEORIGIN, or CSP frame-ancestors, which supersedes it.
#include "checks/http/frame_options.h"

#include <fmt/format.h>

#include "core/text.h"
#include "engines/http/headers.h"

namespace shipcheck::checks {

FrameOptions::FrameOptions()
    : HeaderRule(RuleInfo{"HDR003", "http",
                          "Framing is denied (X-Frame-Options or frame-ancestors)",
                          Severity::medium,
                          "send X-Frame-Options: DENY (or SAMEORIGIN), or frame-ancestors "
                          "'none' in the Content-Security-Policy"}) {}

std::vector<Result> FrameOptions::check(const Context& /*ctx*/,
                                        const http::Response& response) const {
  for (const auto value : response.headers_named("content-security-policy")) {
    for (const auto& policy : http::parse_csp(value)) {
      if (const auto* sources = policy.sources_for("frame-ancestors")) {
        return {pass(fmt::format("CSP frame-ancestors {}", fmt::join(*sources, " ")),
                     fmt::format("Content-Security-Policy: {}", value))};
      }
    }
  }
  const auto value = response.header("x-frame-options");
  if (!value) {
    return {fail("neither X-Frame-Options nor CSP frame-ancestors: any site may frame the pages")};
  }
  const std::string evidence = fmt::format("X-Frame-Options: {}", *value);
  const std::string mode = to_upper(trim(*value));
  if (mode == "DENY" || mode == "SAMEORIGIN") {
    return {pass(fmt::format("X-Frame-Options {}", mode), evidence)};
  }
  return {fail(fmt::format("X-Frame-Options '{}' is not DENY or SAMEORIGIN (ALLOW-FROM and "
                           "other values are ignored by browsers)",
                           *value),
               evidence)};
}

}  // namespace shipcheck::checks
