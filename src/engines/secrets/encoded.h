// Encoded runs: base64, hex and percent-encoded stretches of text whose decoded form is
// readable text, so that a secret hidden by encoding it is still scanned.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::secrets {

struct EncodedRun {
  std::size_t offset = 0;  // where the encoded text starts in the scanned buffer
  std::size_t length = 0;
  std::string encoding;  // "base64", "hex", "percent"
  std::string decoded;
};

// Runs in `data` long enough to hide a credential (base64 >= 20 characters, hex >= 32
// digits, three or more %XX escapes) whose decoded bytes are mostly printable text.
std::vector<EncodedRun> find_encoded_runs(std::string_view data);

// True iff at least 90% of `bytes` are printable ASCII or whitespace and none is NUL.
bool mostly_printable(std::string_view bytes);

}  // namespace shipcheck::secrets
