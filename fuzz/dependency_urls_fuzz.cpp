// Fuzzes the dependency parsers: redis:// URLs, INFO text, DNS resolver addresses, and the
// PostgreSQL URL rewriting of the drills. Never crashes; a parsed URL has a host and a port in
// range, and a rewritten postgres URL names the scratch database and keeps its query.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/dns/resolver.h"
#include "engines/postgres/client_tools.h"
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
  if (const auto url = shipcheck::postgres::url_with_database(text, "shipcheck_drill_0")) {
    const std::size_t query = text.find('?', text.find("://") + 3);
    if (url->find("/shipcheck_drill_0") == std::string::npos ||
        (query != std::string_view::npos && !url->ends_with(text.substr(query)))) {
      std::abort();
    }
  }
  (void)shipcheck::postgres::libpq_environment(text, "shipcheck_drill_0");
  return 0;
}
