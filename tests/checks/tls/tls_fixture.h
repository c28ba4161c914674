// TLS rules' tests: a real nginx serving certificates made for each test (expired, for
// another name, without its intermediate ...) from a CA the config trusts.
#pragma once

#include <memory>
#include <string>

#include "support/certs.h"
#include "support/fixture.h"
#include "support/nginx.h"

namespace shipcheck::test {

// The CA every TLS test trusts (tls.ca_file), made once per test process.
inline const KeyPair& test_ca() {
  static const KeyPair ca =
      make_certificate(CertSpec{"shipcheck TLS test CA", {}, -1, 365, 0, true});
  return ca;
}

// A leaf for app.test signed by the test CA, valid from yesterday until `days` from now
// less an hour (so that "days left" is days - 1 however fast the test runs).
inline KeyPair leaf(long days = 365, const std::string& name = "app.test",
                    const KeyPair* issuer = nullptr) {
  return make_certificate(CertSpec{name, {name}, -1, days, -3600, false},
                          issuer != nullptr ? issuer : &test_ca());
}

// nginx serving `chain` (PEM, leaf first) with `key`, TLS versions `protocols`.
class TlsSite {
 public:
  TlsSite(const std::string& chain, const std::string& key,
          const std::string& protocols = "TLSv1.2 TLSv1.3", const std::string& extra = "") {
    const auto cert_path = write_pem(m_files.path() / "chain.pem", chain);
    const auto key_path = write_pem(m_files.path() / "key.pem", key);
    const auto ca_path = write_pem(m_files.path() / "ca.pem", test_ca().cert_pem);
    m_nginx = std::make_unique<Nginx>(
        "server {\n  listen 127.0.0.1:{https_port} ssl;\n  server_name app.test;\n"
        "  ssl_certificate \"" +
        cert_path.string() + "\";\n  ssl_certificate_key \"" + key_path.string() +
        "\";\n  ssl_protocols " + protocols + ";\n" + extra +
        "  location / { return 200 'ok'; }\n}\n");
    m_config = m_nginx->config();
    m_config.tls.ca_file = ca_path.string();
  }
  const Config& config() const { return m_config; }

 private:
  TempDir m_files;
  std::unique_ptr<Nginx> m_nginx;
  Config m_config;
};

}  // namespace shipcheck::test
