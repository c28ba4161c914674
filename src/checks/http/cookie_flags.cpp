// HDR006: cookies set by the service carry Secure, HttpOnly (session cookies: scripts have
// no business reading them) and SameSite.
#include "checks/http/cookie_flags.h"

#include <fmt/format.h>

#include "core/text.h"
#include "engines/http/headers.h"

namespace shipcheck::checks {
namespace {

// Names the Observatory and frameworks use for session and auth cookies.
bool looks_like_session(std::string_view name) {
  const std::string lower = to_lower(name);
  for (const char* word : {"sess", "sid", "auth", "token", "jwt", "login", "remember"}) {
    if (lower.find(word) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> missing_flags(const http::Cookie& cookie) {
  std::vector<std::string> missing;
  if (!cookie.secure) {
    missing.emplace_back("Secure");
  }
  if (!cookie.http_only && looks_like_session(cookie.name)) {
    missing.emplace_back("HttpOnly");
  }
  if (cookie.same_site.empty()) {
    missing.emplace_back("SameSite");
  }
  return missing;
}

}  // namespace

CookieFlags::CookieFlags()
    : HeaderRule(RuleInfo{"HDR006", "http", "Cookies are Secure, HttpOnly and SameSite",
                          Severity::medium,
                          "set cookies with Secure; HttpOnly; SameSite=Lax (or Strict)"}) {}

std::vector<Result> CookieFlags::check(const Context& /*ctx*/,
                                       const http::Response& response) const {
  const auto headers = response.headers_named("set-cookie");
  std::vector<Result> out;
  std::vector<std::string> good;
  for (const auto value : headers) {
    const auto cookie = http::parse_set_cookie(value);
    if (!cookie) {
      continue;
    }
    const auto missing = missing_flags(*cookie);
    if (missing.empty()) {
      good.push_back(cookie->name);
      continue;
    }
    // The cookie's value is left out of the evidence: it may be a session token.
    out.push_back(fail(fmt::format("cookie {} lacks {}", cookie->name, fmt::join(missing, ", ")),
                       fmt::format("Set-Cookie: {}=…", cookie->name)));
  }
  if (!out.empty()) {
    return out;
  }
  if (good.empty()) {
    return {skip("the response sets no cookies")};
  }
  return {pass(fmt::format("{} cookie(s) with Secure, SameSite and, for sessions, HttpOnly: {}",
                           good.size(), fmt::join(good, ", ")))};
}

}  // namespace shipcheck::checks
