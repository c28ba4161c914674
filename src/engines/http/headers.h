// Parsers for the security headers the live checks grade: Strict-Transport-Security
// (RFC 6797), Content-Security-Policy (CSP Level 3) and Set-Cookie (RFC 6265bis). Each is
// lenient the way browsers are (unknown directives ignored, names case-insensitive) and
// records what a browser would drop, so that a check can say why.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::http {

struct Hsts {
  std::optional<long long> max_age;  // seconds; nullopt when absent or invalid
  bool include_subdomains = false;
  bool preload = false;
  std::vector<std::string> problems;  // e.g. "max-age is not a number"; browsers ignore
                                      // a header with any of these
};
Hsts parse_hsts(std::string_view value);

// One policy: directive name (lowercase) -> its source expressions, first occurrence wins.
struct Csp {
  std::map<std::string, std::vector<std::string>> directives;

  bool has(std::string_view name) const;
  // The sources that govern `name` (script-src, frame-ancestors ...): its own, or for the
  // fetch directives default-src's when it has none; nullptr when neither is set.
  const std::vector<std::string>* sources_for(std::string_view name) const;
};
// A header may hold several policies separated by commas; each is enforced.
std::vector<Csp> parse_csp(std::string_view value);

struct Cookie {
  std::string name;
  bool secure = false;
  bool http_only = false;
  std::string same_site;  // "strict", "lax", "none", or "" when absent or unknown
};
// nullopt when the header has no name=value pair (browsers ignore it).
std::optional<Cookie> parse_set_cookie(std::string_view value);

}  // namespace shipcheck::http
