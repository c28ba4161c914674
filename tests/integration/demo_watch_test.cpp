// `shipcheck watch` on the running demo service (scripts/demo: the app, nginx, Postgres and
// Redis on 127.0.0.1), with a real Prometheus scraping the app's /metrics every second and
// `shipcheck load` sending it 20 requests/s: a healthy window passes; stopping the demo trips
// `unavailable for 20s`; the demo planted to answer 500 to every tenth request (WATCH001) trips
// `error_rate > 5% for 30s`. Each trip runs on_rollback, which appends to a marker file, and
// `shipcheck run` then reports the newest watch as WATCH001.
// One test, so that the demo starts once; its windows are the issue's, in seconds.
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/child_process.h"
#include "support/fixture.h"
#include "support/prometheus.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

using std::chrono::seconds;

// The error ratio the watch's built-in error_rate reads, over its 5 s rate window.
constexpr const char* k_error_ratio =
    "sum(rate(http_requests_total{status=~\"5..\"}[5s])) / sum(rate(http_requests_total[5s]))";

class WatchedDemo {
 public:
  WatchedDemo() {
    setenv("DEMO_PORT_BASE", std::to_string(test::free_demo_port_base(26000)).c_str(), 1);
    test::run_script("demo", fmt::format("setup '{}'", path().string()));
    start();
    for (const auto& line : split_lines(test::slurp(path() / ".run/ports.env"))) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) {
        m_ports[line.substr(0, eq)] = line.substr(eq + 1);
      }
    }
  }
  ~WatchedDemo() {
    m_load.reset();
    try {
      test::run_script("demo", fmt::format("stop '{}'", path().string()));
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
  std::filesystem::path path() const { return m_dir.path() / "svc"; }
  std::string port(const std::string& name) const {
    return m_ports.count(name) ? m_ports.at(name) : "0";
  }
  std::string app_address() const { return "127.0.0.1:" + port("DEMO_APP_PORT"); }

  void start() const { test::run_script("demo", fmt::format("start '{}'", path().string())); }
  void stop() const { test::run_script("demo", fmt::format("stop '{}'", path().string())); }
  void plant(const std::string& defect) const {
    test::run_script("demo", fmt::format("plant '{}' {}", path().string(), defect));
  }

  // 20 requests/s to the app's /status (open model) until stop_traffic(), at most 5 minutes.
  void start_traffic() {
    m_load = std::make_unique<test::ChildProcess>(
        std::vector<std::string>{SHIPCHECK_BINARY, "load",
                                 fmt::format("http://{}/status", app_address()), "--rate", "20",
                                 "--duration", "300s", "--threads", "1"},
        m_dir.path() / "load.out");
  }
  void stop_traffic() { m_load.reset(); }

  // The watch's config beside the demo's own: the demo's URL through nginx (TLS from the
  // demo CA), the Prometheus at `prometheus`, and the two triggers.
  std::filesystem::path write_watch_config(const std::string& prometheus) const {
    const auto https = port("DEMO_HTTPS_PORT");
    const auto file = path() / "watch.yaml";
    std::ofstream(file) << fmt::format(
        "service: demo-todo\n"
        "url: https://demo.shipcheck.test:{0}\n"
        "tls:\n"
        "  ca_file: .run/tls/ca.pem\n"
        "  resolve: ['demo.shipcheck.test:{0}:127.0.0.1']\n"
        "endpoints: {{health: /health}}\n"
        "watch:\n"
        "  interval: 1s\n"
        "  prometheus: {1}\n"
        "  rate_window: 5s\n"
        "  rollback_when: ['error_rate > 5% for 30s', 'unavailable for 20s']\n"
        "  on_rollback: echo rolled back >> rollbacks.log\n",
        https, prometheus);
    return file;
  }

  static std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1) {
      out.push_back(text.substr(at, end - at));
    }
    return out;
  }

 private:
  test::TempDir m_dir;
  std::map<std::string, std::string> m_ports;
  std::unique_ptr<test::ChildProcess> m_load;
};

struct Watch {
  test::CliRun cli;
  std::vector<nlohmann::json> events;
  const nlohmann::json* last(const std::string& event) const {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if ((*it)["event"] == event) {
        return &*it;
      }
    }
    return nullptr;
  }
};

Watch run_watch(const std::filesystem::path& config, const std::string& window) {
  Watch watch;
  watch.cli = test::run_shipcheck(
      fmt::format("watch --config '{}' --for {} --format json", config.string(), window));
  for (const auto& line : WatchedDemo::split_lines(watch.cli.out)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    EXPECT_FALSE(event.is_discarded()) << line;
    watch.events.push_back(std::move(event));
  }
  return watch;
}

// WATCH001's status and message in `shipcheck run` after the watches: the newest watch.
std::pair<std::string, std::string> last_watch_rule(const std::filesystem::path& config) {
  const auto run = test::run_shipcheck(
      fmt::format("run --config '{}' --only WATCH001 --format json --no-store", config.string()));
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  if (report.is_discarded() || report["results"].size() != 1) {
    return {"(no result)", run.out + run.err};
  }
  return {report["results"][0]["status"], report["results"][0]["message"]};
}

std::size_t rollbacks(const WatchedDemo& demo) {
  return WatchedDemo::split_lines(test::slurp(demo.path() / "rollbacks.log")).size();
}

TEST(DemoWatch, HealthyWindowPassesStoppedDemoAndTenPercentErrorsEachRollBack) {
  WatchedDemo demo;
  const test::PrometheusServer prometheus(demo.app_address());
  const auto config = demo.write_watch_config(prometheus.url());
  demo.start_traffic();
  prometheus.wait_for_data("sum(rate(http_requests_total{route=\"/status\"}[5s])) > 10");

  // A healthy window passes, every health poll answered.
  const Watch healthy = run_watch(config, "6s");
  EXPECT_EQ(healthy.cli.exit_code, 0) << healthy.cli.out << healthy.cli.err;
  ASSERT_NE(healthy.last("passed"), nullptr) << healthy.cli.out;
  const nlohmann::json& passed = *healthy.last("passed");
  EXPECT_EQ(passed["availability"], 1.0) << healthy.cli.out;
  // The window's summary, from Prometheus: the load's requests, none failed, a p95.
  ASSERT_TRUE(passed["requests"].is_number()) << healthy.cli.out;
  EXPECT_GT(passed["requests"].get<double>(), 50) << healthy.cli.out;
  EXPECT_EQ(passed["error_rate"], 0.0) << healthy.cli.out;
  ASSERT_TRUE(passed["p95_s"].is_number()) << healthy.cli.out;
  EXPECT_LT(passed["p95_s"].get<double>(), 1.0) << healthy.cli.out;
  EXPECT_EQ(healthy.last("fired"), nullptr) << healthy.cli.out;
  EXPECT_EQ(rollbacks(demo), 0U);
  EXPECT_EQ(last_watch_rule(config).first, "pass") << last_watch_rule(config).second;

  // The demo stopped 3 s into the window: `unavailable for 20s` fires 20 s later.
  std::thread outage([&demo] {
    std::this_thread::sleep_for(seconds(3));
    demo.stop();
  });
  const Watch down = run_watch(config, "90s");
  outage.join();
  EXPECT_EQ(down.cli.exit_code, 1) << down.cli.out << down.cli.err;
  const nlohmann::json* fired = down.last("fired");
  ASSERT_NE(fired, nullptr) << down.cli.out;
  EXPECT_EQ((*fired)["trigger"], "unavailable for 20s") << down.cli.out;
  EXPECT_GE((*fired)["time_s"].get<double>(), 3 + 20) << down.cli.out;
  EXPECT_LE((*fired)["time_s"].get<double>(), 3 + 20 + 6) << down.cli.out;
  ASSERT_NE(down.last("rollback"), nullptr) << down.cli.out;
  EXPECT_EQ((*down.last("rollback"))["ok"], true) << down.cli.out;
  EXPECT_EQ(rollbacks(demo), 1U);

  // A bad deploy: every tenth answer of /status is a 500. Once Prometheus sees the ratio over
  // 5%, `error_rate > 5% for 30s` fires 30 s into the window.
  demo.plant("WATCH001");
  demo.stop_traffic();
  demo.start();
  demo.start_traffic();
  prometheus.wait_for_data(std::string(k_error_ratio) + " > 0.05");
  const Watch errors = run_watch(config, "90s");
  EXPECT_EQ(errors.cli.exit_code, 1) << errors.cli.out << errors.cli.err;
  fired = errors.last("fired");
  ASSERT_NE(fired, nullptr) << errors.cli.out;
  EXPECT_EQ((*fired)["trigger"], "error_rate > 5% for 30s") << errors.cli.out;
  EXPECT_GE((*fired)["time_s"].get<double>(), 30) << errors.cli.out;
  EXPECT_LE((*fired)["time_s"].get<double>(), 30 + 6) << errors.cli.out;
  // 2 errors in about 22 answers a second (20 of /status, the health poll and the scrape).
  EXPECT_GT((*fired)["value"].get<double>(), 0.05) << errors.cli.out;
  EXPECT_LT((*fired)["value"].get<double>(), 0.11) << errors.cli.out;
  EXPECT_EQ(rollbacks(demo), 2U);
  // The run after the watch carries its outcome: WATCH001 fails with the fired trigger.
  const auto [status, message] = last_watch_rule(config);
  EXPECT_EQ(status, "fail") << message;
  EXPECT_NE(message.find("fired: FIRED error_rate > 5% for 30s"), std::string::npos) << message;
}

}  // namespace
}  // namespace shipcheck
