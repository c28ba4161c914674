// Fuzzes parse_duration: never crashes, never overflows, results are non-negative.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/duration.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto ms = shipcheck::parse_duration(text); ms && ms->count() < 0) {
    std::abort();
  }
  return 0;
}
