// Fuzz target: the envrefs scanner must never crash or hang on any source text. The first
// byte picks the language (even: Python, odd: JavaScript).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engines/envrefs/envrefs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const auto language = (data[0] % 2 == 0) ? shipcheck::envrefs::Language::python
                                           : shipcheck::envrefs::Language::javascript;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)shipcheck::envrefs::scan_source(text, language, "fuzz");
  return 0;
}
