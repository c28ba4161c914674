// Certificates made with OpenSSL's API for the TLS tests: any validity window (expired,
// expiring in days), any names, chains through an intermediate. EC P-256 keys.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace shipcheck::test {

struct CertSpec {
  std::string common_name;
  std::vector<std::string> dns_names;  // subjectAltName DNS entries
  long valid_from_days = -1;           // relative to now
  long valid_until_days = 365;
  long valid_until_adjust_s = 0;  // added to valid_until_days (tests avoid day edges)
  bool is_ca = false;
  int rsa_bits = 0;               // 0: an EC P-256 key; else an RSA key of this size
  std::string digest = "SHA256";  // what the issuer signs with
};

struct KeyPair {
  std::string cert_pem;
  std::string key_pem;
};

// Signed by `issuer` (its key signs, its subject becomes the issuer), or self-signed when
// issuer is null.
KeyPair make_certificate(const CertSpec& spec, const KeyPair* issuer = nullptr);

// Writes text to path and returns path.
std::filesystem::path write_pem(const std::filesystem::path& path, const std::string& text);

}  // namespace shipcheck::test
