// A real Prometheus (Debian's) on 127.0.0.1 for the metrics engine's tests: its own config
// and TSDB in a temporary directory, a free port, a 1 s scrape of one target, started as the
// test's child with its PID recorded and stopped by it.
#pragma once

#include <memory>
#include <string>

#include "support/child_process.h"
#include "support/fixture.h"

namespace shipcheck::test {

class PrometheusServer {
 public:
  // Scrapes http://<target>/metrics ("127.0.0.1:PORT") every second as job "app". Throws
  // when Prometheus does not answer /-/ready within 30 s.
  explicit PrometheusServer(const std::string& target);
  // The same, answering only requests with HTTP basic auth as `username`:`password` (its
  // web config holds the password's bcrypt hash, made by htpasswd).
  PrometheusServer(const std::string& target, const std::string& username,
                   const std::string& password);
  PrometheusServer(const PrometheusServer&) = delete;
  PrometheusServer& operator=(const PrometheusServer&) = delete;

  int port() const { return m_port; }
  // http://127.0.0.1:<port>
  std::string url() const;
  // Polls the query API every 50 ms until `promql` yields a non-empty result (the first
  // scrape landed); throws after `seconds`.
  void wait_for_data(const std::string& promql, int seconds = 30) const;

 private:
  void start(const std::string& target, const std::string& web_config);

  TempDir m_dir;
  std::string m_username;
  std::string m_password;
  int m_port = 0;
  std::unique_ptr<ChildProcess> m_process;
};

}  // namespace shipcheck::test
