// Fuzzes the JSON assertion language (smoke steps, health_expect): the first line is an
// assertion, the rest a response body. Never crashes or throws; a parsed assertion's path is
// text of the input, and what an outcome shows stays short.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/http/json_assert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view text = input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  (void)shipcheck::http::parse_json_path(text);
  const auto assertion = shipcheck::http::parse_assertion(text);
  if (!assertion) {
    if (assertion.error().column > text.size()) {
      std::abort();
    }
    return 0;
  }
  if (text.find(assertion->path.text) == std::string_view::npos) {
    std::abort();
  }
  const auto document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_discarded()) {
    return 0;
  }
  const auto outcome = shipcheck::http::evaluate(*assertion, document);
  // 60 bytes of value, an ellipsis, and a short note; or the path when it is absent.
  if (outcome.found.size() > 80 + assertion->path.text.size()) {
    std::abort();
  }
  return 0;
}
