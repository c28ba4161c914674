// Fingerprints through OpenSSL's SHA-256.
#include "core/fingerprint.h"

#include <array>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace shipcheck {

std::string make_fingerprint(std::string_view rule, std::string_view path, std::string_view key) {
  std::string input;
  input.reserve(rule.size() + path.size() + key.size() + 2);
  input.append(rule).append(1, '\0').append(path).append(1, '\0').append(key);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < 8 && i < length; ++i) {
    hex += fmt::format("{:02x}", digest[i]);
  }
  return hex;
}

void ensure_fingerprint(Result& r) {
  if (!r.fingerprint.empty()) {
    return;
  }
  const std::string& path = r.location ? r.location->file : r.target;
  r.fingerprint = make_fingerprint(r.rule, path, r.message);
}

}  // namespace shipcheck
