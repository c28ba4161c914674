// libFuzzer target: load_config_text on arbitrary bytes must return a value or an error,
// never crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "config/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Every ${VAR} resolves, so expansion and the checks after it are exercised too.
  const shipcheck::config::EnvLookup env = [](std::string_view) {
    return std::optional<std::string>("fuzz-value");
  };
  const auto config = shipcheck::config::load_config_text(text, "fuzz.yaml", "/nonexistent", env);
  if (!config) {
    (void)config.error().to_string();
  }
  return 0;
}
