// TLS inspection with OpenSSL directly (what testssl.sh does with many openssl s_client
// runs): which protocol versions a server accepts, one handshake per version, and the
// certificate chain it sends, verified against the system store plus an optional CA file.
// Every handshake is bounded by a deadline, however slowly the server answers.
#pragma once

#include <chrono>
#include <ctime>
#include <string>
#include <vector>

namespace shipcheck::tls {

struct Target {
  std::string host;  // the name to verify and send as SNI
  int port = 443;
  std::string address;                       // where to connect (an IP); empty = resolve host
  std::string ca_file;                       // extra trust anchor
  std::chrono::milliseconds timeout{5'000};  // per handshake, connect included
};

struct Certificate {
  std::string subject;  // one line, RFC 2253
  std::string issuer;
  std::time_t not_before = 0;
  std::time_t not_after = 0;
  std::string key_type;  // "RSA", "EC", "ED25519" ...
  int key_bits = 0;
  std::string signature_algorithm;  // "ecdsa-with-SHA256", "sha1WithRSAEncryption" ...
  bool self_signed = false;
};

struct VersionProbe {
  std::string version;  // "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"
  bool accepted = false;
};

struct Inspection {
  std::string error;  // the default handshake failed: nothing below is known
  std::vector<VersionProbe> versions;
  std::string protocol;  // negotiated by the default handshake
  std::string cipher;
  std::vector<Certificate> chain;  // as sent, leaf first
  // Verification of the sent chain, leaf to a trusted root; every problem on the way,
  // in OpenSSL's words ("certificate has expired"), with its X509_V_ERR code.
  std::vector<std::pair<int, std::string>> verify_errors;
  bool hostname_matches = false;  // leaf's SAN (or CN without SANs) covers host
  bool ocsp_stapled = false;
};

// Connects once per protocol version, then once more at the default settings to read the
// chain. Every probing handshake lowers OpenSSL's security level to 0 for itself only:
// Debian's default refuses TLS 1.0/1.1, small keys and SHA-1 signatures, which would make a
// server offering them look safe; the rules judge what was offered instead.
Inspection inspect(const Target& target);

}  // namespace shipcheck::tls
