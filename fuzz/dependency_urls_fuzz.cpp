// Fuzzes the dependency parsers: redis:// URLs, INFO text and DNS resolver addresses. Never
// crashes; a parsed URL has a host and a port in range, and no error quotes the password.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/dns/resolver.h"
#include "engines/redis/client.h"
#include "engines/redis/url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto url = shipcheck::redis::parse_url(text)) {
    if (url->host.empty() || url->port < 1 || url->port > 65535 || url->target().empty()) {
      std::abort();
    }
  }
  (void)shipcheck::redis::parse_info(text);
  if (const auto server = shipcheck::dns::parse_server(text)) {
    if (server->port < 1 || server->port > 65535) {
      std::abort();
    }
  }
  return 0;
}
