// A real nginx (Debian's nginx-light) on 127.0.0.1 for the live checks' tests: its own
// directory, certificates from a CA made for the test run, two free ports, started with
// its PID recorded and stopped by that PID.
#pragma once

#include <filesystem>
#include <string>

#include "config/config.h"
#include "support/fixture.h"

namespace shipcheck::test {

// A CA and a server certificate for "app.test", "localhost" and 127.0.0.1, made once per
// test process with the openssl command.
struct TestCertificates {
  std::filesystem::path ca;  // PEM, the trust anchor
  std::filesystem::path cert;
  std::filesystem::path key;
};
const TestCertificates& test_certificates();

class Nginx {
 public:
  // `servers` is the text of server blocks placed in nginx's http block, in which
  // {https_port}, {http_port}, {cert}, {key} and {dir} (its own directory, for logs) are
  // replaced. Throws if nginx does not
  // start and answer within a few seconds.
  explicit Nginx(const std::string& servers);
  ~Nginx();
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  int https_port() const { return m_https_port; }
  int http_port() const { return m_http_port; }
  // https://app.test:<port>/ (resolved to 127.0.0.1 through Config::tls.resolve).
  std::string https_url(const std::string& path = "/") const;
  std::string http_url(const std::string& path = "/") const;
  // A config for the live checks against this server: url, http_url, CA and resolve.
  Config config() const;
  const std::filesystem::path& dir() const { return m_dir.path(); }

 private:
  TempDir m_dir;
  int m_https_port = 0;
  int m_http_port = 0;
  int m_pid = 0;
};

// An HTTPS server block that answers 200 {"status": "ok"} at every path with `headers`
// (nginx add_header lines, each ending in ';'), plus a plain-HTTP block that answers
// `http_block_body` (default: a 301 to HTTPS on the same host).
std::string https_server(
    const std::string& headers,
    const std::string& http_block_body = "return 301 https://$host:{https_port}$request_uri;");

// A free TCP port on 127.0.0.1 (bound, read back and released).
int free_port();

// Whether something accepts TCP connections on 127.0.0.1:port.
bool accepts_connections(int port);

}  // namespace shipcheck::test
