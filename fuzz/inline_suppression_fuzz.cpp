// Fuzzes the inline `shipcheck:ignore` comment parser.
#include <cstdint>
#include <string_view>

#include "core/suppress.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)shipcheck::inline_suppression(text, "ENV004");
  (void)shipcheck::inline_suppression(text, "");
  return 0;
}
