// TLS005: the leaf's key is large enough (RSA >= 2048 bits, EC >= 256, or Ed25519/Ed448) and
// no certificate the server sends, bar a self-signed root, is signed with SHA-1 or MD5
// (browsers refuse both since 2017).
#include "checks/tls/key_strength.h"

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks {
namespace {

// Why the key is weak, or "" when it is not.
std::string weak_key(const tls::Certificate& leaf) {
  if (leaf.key_type == "RSA" && leaf.key_bits < 2048) {
    return fmt::format("an RSA key of {} bits (at least 2048)", leaf.key_bits);
  }
  if (leaf.key_type == "EC" && leaf.key_bits < 256) {
    return fmt::format("an EC key of {} bits (at least 256)", leaf.key_bits);
  }
  if (leaf.key_type == "DSA") {
    return "a DSA key (no browser accepts it)";
  }
  return {};
}

bool weak_digest(const std::string& algorithm) {
  return contains_icase(algorithm, "sha1") || contains_icase(algorithm, "md5") ||
         contains_icase(algorithm, "md2");
}

}  // namespace

TlsKeyStrength::TlsKeyStrength()
    : TlsRule(RuleInfo{"TLS005", "tls", "Certificate key and signatures are strong", Severity::high,
                       "reissue the certificate with an RSA key of 2048+ bits or an EC P-256 key, "
                       "signed with SHA-256"}) {}

std::vector<Result> TlsKeyStrength::check(const tls::Inspection& inspection,
                                          const tls::Target& /*target*/) const {
  if (inspection.chain.empty()) {
    return {error("the server sent no certificate")};
  }
  const tls::Certificate& leaf = inspection.chain.front();
  const std::string evidence =
      fmt::format("{} {} bits, signed {}", leaf.key_type, leaf.key_bits, leaf.signature_algorithm);
  std::vector<std::string> problems;
  if (auto key = weak_key(leaf); !key.empty()) {
    problems.push_back("the leaf has " + key);
  }
  for (std::size_t i = 0; i < inspection.chain.size(); ++i) {
    const tls::Certificate& cert = inspection.chain[i];
    if (!cert.self_signed && weak_digest(cert.signature_algorithm)) {
      problems.push_back(fmt::format("{} is signed with {}", i == 0 ? "the leaf" : cert.subject,
                                     cert.signature_algorithm));
    }
  }
  if (!problems.empty()) {
    return {fail(fmt::format("weak certificate: {}", fmt::join(problems, "; ")), evidence)};
  }
  return {pass(fmt::format("{} {}-bit key, signed {}", leaf.key_type, leaf.key_bits,
                           leaf.signature_algorithm),
               evidence)};
}

}  // namespace shipcheck::checks
