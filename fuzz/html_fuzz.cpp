// Fuzzes the HTML start-tag scanner: never crashes, and what it returns keeps its
// invariants (tag names non-empty and lowercase, attribute names lowercase, values no longer
// than the input, no more tags than the input can hold; each subresource has a URL and a
// known kind).
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/http/html.h"

namespace {

void require_lowercase(std::string_view name) {
  for (const char c : name) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto tags = shipcheck::http::html::scan_tags(text);
  // Each tag needs at least "<x>", so there are never more tags than a third of the input.
  if (tags.size() > size / 3 + 1) {
    std::abort();
  }
  for (const auto& tag : tags) {
    if (tag.name.empty()) {
      std::abort();
    }
    require_lowercase(tag.name);
    for (const auto& [name, value] : tag.attributes) {
      require_lowercase(name);
      if (value.size() > size) {
        std::abort();
      }
    }
  }
  for (const auto& sub : shipcheck::http::html::subresources(tags)) {
    if (sub.url.empty() || (sub.kind != "script" && sub.kind != "stylesheet")) {
      std::abort();
    }
  }
  (void)shipcheck::http::html::is_html(text);
  return 0;
}
