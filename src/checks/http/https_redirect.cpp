// HDR007: a request over plain HTTP is redirected to HTTPS, on the same host first (so
// that HSTS gets set for it), as the Mozilla HTTP Observatory's redirection test grades.
// Nothing listening on plain HTTP passes too: there is nothing to downgrade to.
#include "checks/http/https_redirect.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/http/live.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool nothing_listens(const std::string& error) {
  return contains_icase(error, "refused") || contains_icase(error, "couldn't connect") ||
         contains_icase(error, "failed to connect");
}

}  // namespace

HttpsRedirect::HttpsRedirect()
    : Check(RuleInfo{"HDR007", "http", "Plain HTTP redirects to HTTPS on the same host",
                     Severity::high,
                     "answer every plain-HTTP request with 301 to the same URL over https:// "
                     "(nginx: return 301 https://$host$request_uri;)"}) {}

std::vector<Result> HttpsRedirect::run(const Context& ctx) const {
  if (auto reason = live::not_configured(ctx)) {
    return {skip(*reason)};
  }
  const std::string from = live::plain_http_url(ctx);
  auto at = [&](Result r) {
    r.target = from;
    return r;
  };
  if (!live::is_https(ctx)) {
    return {at(fail(fmt::format("the service's url {} is plain HTTP", ctx.config.url)))};
  }
  const http::Response& response = live::plain_http_response(ctx);
  if (!response.ok()) {
    if (nothing_listens(response.error)) {
      return {at(pass(fmt::format("nothing listens on plain HTTP at {}", from)))};
    }
    return {at(error(fmt::format("GET {} failed: {}", from, response.error)))};
  }
  const std::string location(response.header("location").value_or(""));
  const std::string evidence =
      fmt::format("HTTP {}{}", response.status, location.empty() ? "" : " Location: " + location);
  if (!is_redirect(response.status)) {
    return {at(fail(
        fmt::format("GET {} answers {} instead of redirecting to HTTPS", from, response.status),
        evidence))};
  }
  if (!iequals(std::string_view(location).substr(0, 8), "https://")) {
    return {
        at(fail(fmt::format("GET {} redirects to {}, not to HTTPS", from, location), evidence))};
  }
  if (live::host_of_url(location) != live::host_of_url(from)) {
    return {at(fail(fmt::format("GET {} redirects to another host ({}) before HTTPS on its own "
                                "host, so HSTS is never set for it",
                                from, live::host_of_url(location)),
                    evidence))};
  }
  return {at(
      pass(fmt::format("GET {} redirects ({}) to {}", from, response.status, location), evidence))};
}

}  // namespace shipcheck::checks
