// Fuzzes the secret rule-file loader: any bytes give a rule set or a positioned error,
// never a crash. Small rule sets that load are also compiled and run on a sample text, so
// that patterns PCRE2 accepts but Vectorscan rejects fail cleanly too.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/secrets/detector.h"
#include "engines/secrets/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = shipcheck::secrets::load_rules_text(text, "fuzz.yaml");
  if (!rules) {
    if (rules.error().message.empty()) {
      std::abort();  // an error must say what is wrong
    }
    return 0;
  }
  if (rules->detectors.empty() || rules->detectors.size() > 2 || size > 512) {
    return 0;  // compiling large sets is slow and adds no new loader paths
  }
  auto matcher = shipcheck::secrets::Matcher::compile(std::move(*rules));
  if (!matcher) {
    return 0;
  }
  auto scratch = matcher->make_scratch();
  const std::string_view sample =
      "password = \"hunter2hunter2hunter2\"\nkey: c2VjcmV0LXZhbHVlLWhlcmU=\n%41%42%43%44 x\n";
  for (const auto& f : matcher->scan(sample, "sample.yaml", *scratch)) {
    if (f.line < 1 || f.column < 1 || f.offset > sample.size()) {
      std::abort();
    }
  }
  return 0;
}
