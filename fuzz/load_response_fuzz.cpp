// Fuzzes the load generator's response path: bytes as a server might send them, cut into
// chunks the way reads would deliver them, fed to ResponseParser for a GET and for a HEAD,
// then the connection's end. Never crashes; a complete response has a status the parser read.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/load/response.h"

namespace {

void feed_in_chunks(shipcheck::load::ResponseParser& parser, std::string_view data,
                    std::size_t chunk) {
  using shipcheck::load::Parse;
  while (!data.empty()) {
    const std::size_t n = std::min(chunk, data.size());
    const Parse parse = parser.feed(data.data(), n);
    if (parse == Parse::complete) {
      if (parser.status() < 100 || parser.status() > 999) {
        std::abort();
      }
      return;
    }
    if (parse == Parse::invalid) {
      return;
    }
    data.remove_prefix(n);
  }
  if (parser.finish() == Parse::complete && parser.keep_alive()) {
    std::abort();  // a response that ended with the connection cannot keep it
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::size_t chunk = 1 + data[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  shipcheck::load::ResponseParser parser;
  for (const bool head : {false, true}) {
    parser.reset(head);
    feed_in_chunks(parser, text, chunk);
  }
  return 0;
}
