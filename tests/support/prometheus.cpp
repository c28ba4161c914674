// Real Prometheus for tests (see prometheus.h).
#include "support/prometheus.h"

#include <cctype>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "engines/http/client.h"
#include "support/fixture.h"
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

// Authorization: Basic ... for `username`, or no header without one.
std::vector<std::string> auth_headers(const std::string& username, const std::string& password) {
  if (username.empty()) {
    return {};
  }
  const std::string pair = username + ":" + password;
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  for (std::size_t i = 0; i < pair.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, pair.size() - i);
    std::uint32_t chunk = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      chunk = (chunk << 8) | (j < n ? static_cast<unsigned char>(pair[i + j]) : 0U);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      encoded += j <= n ? k_alphabet[(chunk >> (18 - 6 * j)) & 63U] : '=';
    }
  }
  return {"Authorization: Basic " + encoded};
}

http::Response get_local(const std::string& url, const std::vector<std::string>& headers) {
  http::Options options;
  options.timeout = std::chrono::milliseconds(2'000);
  return http::fetch(http::Request{"GET", url, headers, "", false}, options);
}

// `username`:bcrypt(password) for Prometheus's web config, from htpasswd (apache2-utils).
std::string bcrypt_line(const std::string& username, const std::string& password) {
  std::string out;
  if (run_command(fmt::format("htpasswd -nbBC 5 '{}' '{}'", username, password), out) != 0) {
    throw std::runtime_error("htpasswd failed: " + out);
  }
  const auto colon = out.find(':');
  const auto end = out.find('\n');
  return fmt::format("basic_auth_users:\n  {}: '{}'\n", username,
                     out.substr(colon + 1, end - colon - 1));
}

}  // namespace

PrometheusServer::PrometheusServer(const std::string& target) : m_port(free_port()) {
  start(target, "");
}

PrometheusServer::PrometheusServer(const std::string& target, const std::string& username,
                                   const std::string& password)
    : m_username(username), m_password(password), m_port(free_port()) {
  start(target, bcrypt_line(username, password));
}

void PrometheusServer::start(const std::string& target, const std::string& web_config) {
  const auto dir = m_dir.path();
  const auto config = m_dir.write("prometheus.yml", scrape_config(target));
  const auto log = dir / "prometheus.out";
  std::vector<std::string> args{"prometheus", "--config.file=" + config.string(),
                                "--storage.tsdb.path=" + (dir / "data").string(),
                                fmt::format("--web.listen-address=127.0.0.1:{}", m_port),
                                "--log.level=warn"};
  if (!web_config.empty()) {
    args.push_back("--web.config.file=" + m_dir.write("web.yml", web_config).string());
  }
  m_process = std::make_unique<ChildProcess>(args, log);
  const auto headers = auth_headers(m_username, m_password);
  wait_until_ready(
      *m_process, log, "prometheus",
      [this, &headers] { return get_local(url() + "/-/ready", headers).status == 200; }, 30);
}

std::string PrometheusServer::url() const {
  return fmt::format("http://127.0.0.1:{}", m_port);
}

void PrometheusServer::wait_for_data(const std::string& promql, int seconds) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::string body;
  while (std::chrono::steady_clock::now() < deadline) {
    http::Request request{"POST", url() + "/api/v1/query", auth_headers(m_username, m_password), "",
                          false};
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
