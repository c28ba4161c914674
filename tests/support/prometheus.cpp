// Real Prometheus for tests (see prometheus.h).
#include "support/prometheus.h"

#include <cctype>
#include <chrono>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "engines/http/client.h"
#include "support/nginx.h"

namespace shipcheck::test {
namespace {

std::string scrape_config(const std::string& target) {
  return fmt::format(
      "global:\n"
      "  scrape_interval: 1s\n"
      "  scrape_timeout: 1s\n"
      "  evaluation_interval: 1s\n"
      "scrape_configs:\n"
      "  - job_name: app\n"
      "    static_configs:\n"
      "      - targets: ['{}']\n",
      target);
}

http::Response get_local(const std::string& url) {
  http::Options options;
  options.timeout = std::chrono::milliseconds(2'000);
  return http::fetch(http::Request{"GET", url, {}, "", false}, options);
}

}  // namespace

PrometheusServer::PrometheusServer(const std::string& target) : m_port(free_port()) {
  const auto dir = m_dir.path();
  const auto config = m_dir.write("prometheus.yml", scrape_config(target));
  const auto log = dir / "prometheus.out";
  m_process = std::make_unique<ChildProcess>(
      std::vector<std::string>{"prometheus", "--config.file=" + config.string(),
                               "--storage.tsdb.path=" + (dir / "data").string(),
                               fmt::format("--web.listen-address=127.0.0.1:{}", m_port),
                               "--log.level=warn"},
      log);
  wait_until_ready(
      *m_process, log, "prometheus", [this] { return get_local(url() + "/-/ready").status == 200; },
      30);
}

std::string PrometheusServer::url() const {
  return fmt::format("http://127.0.0.1:{}", m_port);
}

void PrometheusServer::wait_for_data(const std::string& promql, int seconds) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::string body;
  while (std::chrono::steady_clock::now() < deadline) {
    http::Request request{"POST", url() + "/api/v1/query", {}, "", false};
    request.headers.push_back("Content-Type: application/x-www-form-urlencoded");
    std::string escaped;
    for (const unsigned char c : promql) {
      escaped +=
          std::isalnum(c) != 0 ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    request.body = "query=" + escaped;
    http::Options options;
    options.timeout = std::chrono::milliseconds(2'000);
    body = http::fetch(request, options).body;
    if (body.find("\"result\":[{") != std::string::npos ||
        body.find("\"resultType\":\"scalar\"") != std::string::npos) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("Prometheus has no data for " + promql + " after " +
                           std::to_string(seconds) + " s: " + body);
}

}  // namespace shipcheck::test
