// Fingerprints through OpenSSL's SHA-256.
#include "core/fingerprint.h"

#include <array>

#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace shipcheck {

std::string make_fingerprint(std::string_view rule, std::string_view path, std::string_view key) {
  std::string input;
  input.reserve(rule.size() + path.size() + key.size() + 2);
  input.append(rule).append(1, '\0').append(path).append(1, '\0').append(key);
  // Fetched once: EVP_sha256() looks the implementation up again on every digest, which
  // was most of the cost of fingerprinting tens of thousands of findings.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, OSSL_DIGEST_NAME_SHA2_256, nullptr);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &length,
             sha256 != nullptr ? sha256 : EVP_sha256(), nullptr);
  constexpr std::string_view k_hex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < 8 && i < length; ++i) {
    hex += k_hex[digest[i] >> 4];
    hex += k_hex[digest[i] & 0x0f];
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
