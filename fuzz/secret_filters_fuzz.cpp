// Fuzzes what the matcher does with untrusted bytes after Vectorscan: the post-filters,
// base64/hex/percent decoding of encoded runs, and a whole scan with the built-in
// detectors. Findings must lie inside the input and carry a secret.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "engines/secrets/encoded.h"
#include "engines/secrets/filters.h"
#include "engines/secrets/matcher.h"

namespace {

const shipcheck::secrets::Matcher& builtin_matcher() {
  static const auto matcher = [] {
    auto compiled = shipcheck::secrets::Matcher::compile(shipcheck::secrets::builtin_rules());
    if (!compiled) {
      std::abort();
    }
    return std::make_unique<shipcheck::secrets::Matcher>(std::move(*compiled));
  }();
  return *matcher;
}

}  // namespace

// Compiling the 300 detectors takes seconds under ASan on a busy machine; done here, it is
// not charged to the first input's -timeout (it was, and the fuzz test failed at random).
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  builtin_matcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace s = shipcheck::secrets;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  s::looks_like_placeholder(text);
  s::valid_crc32_base62(text);
  s::valid_jwt(text);
  s::decode_base64(text);
  s::Detector d;
  d.entropy = size > 0 ? data[0] % 6 : 0;
  d.checksum = size > 1 ? static_cast<s::Checksum>(data[1] % 3) : s::Checksum::none;
  s::passes_filters(d, text);
  for (const auto& run : s::find_encoded_runs(text)) {
    if (run.offset + run.length > size || run.decoded.empty()) {
      std::abort();
    }
  }
  const auto& matcher = builtin_matcher();
  thread_local auto scratch = matcher.make_scratch();
  for (const auto& f : matcher.scan(text, "fuzz/input.env", *scratch)) {
    if (f.offset > size || f.secret.empty() || f.line < 1 || f.column < 1) {
      std::abort();
    }
  }
  return 0;
}
