// Fuzzes the security header parsers (HSTS, CSP, Set-Cookie): never crashes, and what they
// return keeps its invariants (a valid HSTS has a non-negative max-age; CSP directive names
// are lowercase and non-empty; a cookie has a name).
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/http/headers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto hsts = shipcheck::http::parse_hsts(text);
  if (hsts.problems.empty() && (!hsts.max_age || *hsts.max_age < 0)) {
    std::abort();
  }
  for (const auto& policy : shipcheck::http::parse_csp(text)) {
    for (const auto& [name, sources] : policy.directives) {
      for (const char c : name) {
        if (name.empty() || std::isupper(static_cast<unsigned char>(c))) {
          std::abort();
        }
      }
    }
    (void)policy.sources_for("script-src");
  }
  if (const auto cookie = shipcheck::http::parse_set_cookie(text); cookie && cookie->name.empty()) {
    std::abort();
  }
  return 0;
}
