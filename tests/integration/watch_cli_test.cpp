// `shipcheck watch` from the command line against servers of the test's own (a health
// endpoint that goes down on cue, /metrics counters that show 5xx answers) and a real
// Prometheus: a quiet window passes; each trigger fires after its `for`, runs on_rollback
// (which writes a marker file) and exits 1. On a terminal (a pseudo-terminal from util-linux
// `script`), the live view is drawn under the event lines.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "engines/postgres/session.h"
#include "store/store.h"
#include "support/fixture.h"
#include "support/postgres.h"
#include "support/prometheus.h"
#include "support/shipcheck_cli.h"
#include "support/socket_server.h"

namespace shipcheck {
namespace {

// A service: /health answers 200 until `down`, then 503; /metrics shows request counters
// that grow by 9 answers of 200 and `errors_per_scrape` of 500 at every scrape, and a gauge.
class WatchedService {
 public:
  explicit WatchedService(int errors_per_scrape = 0)
      : m_server(
            [this, errors_per_scrape](int fd) {
              for (std::string request = test::read_request(fd); !request.empty();
                   request = test::read_request(fd)) {
                test::send_all(fd, answer(request, errors_per_scrape));
              }
            },
            true) {}
  void go_down() { m_down = true; }
  // The gauge app_level from now on (1 at the start).
  void set_level(int level) { m_level = level; }
  std::string url() const { return m_server.url().substr(0, m_server.url().size() - 1); }
  std::string target() const { return url().substr(std::string("http://").size()); }

 private:
  std::string answer(const std::string& request, int errors_per_scrape) {
    std::string body;
    std::string status = "200 OK";
    if (request.starts_with("GET /metrics ")) {
      const int n = ++m_scrapes;
      body = fmt::format(
          "# TYPE http_requests_total counter\n"
          "http_requests_total{{status=\"200\"}} {}\nhttp_requests_total{{status=\"500\"}} {}\n"
          "# TYPE app_error_ratio gauge\napp_error_ratio 0.2\n"
          "# TYPE app_level gauge\napp_level {}\n",
          9 * n, errors_per_scrape * n, m_level.load());
    } else if (m_down) {
      status = "503 Service Unavailable";
      body = "down";
    } else {
      body = "{\"status\": \"healthy\"}";
    }
    return fmt::format("HTTP/1.1 {}\r\nContent-Length: {}\r\n\r\n{}", status, body.size(), body);
  }

  std::atomic<bool> m_down{false};
  std::atomic<int> m_scrapes{0};
  std::atomic<int> m_level{1};
  test::SocketServer m_server;
};

void write_watch_config(const test::TempDir& project, const WatchedService& service,
                        const std::string& watch_section) {
  project.write("shipcheck.yaml", fmt::format("service: watched\nurl: {}\n"
                                              "endpoints: {{health: /health}}\nwatch:\n{}",
                                              service.url(), watch_section));
}

// Runs `shipcheck <args>` on a pseudo-terminal, as from an xterm: `script` gives it one and
// copies what it writes to the capture (with the terminal's \r\n line ends).
test::CliRun run_on_terminal(const std::string& env, const std::string& args) {
  const test::TempDir capture;
  const auto out = capture.path() / "out";
  std::string ignored;
  test::CliRun run;
  run.exit_code = test::run_command(
      fmt::format(
          "env -u NO_COLOR TERM=xterm {} script -qec \"'{}' {}\" /dev/null </dev/null >'{}'", env,
          SHIPCHECK_BINARY, args, out.string()),
      ignored);
  run.out = test::slurp(out);
  return run;
}

TEST(WatchCli, AQuietWindowPassesWithoutRollingBack) {
  const WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service,
                     "  for: 1s\n  interval: 100ms\n  rollback_when: [\"unavailable for 500ms\"]\n"
                     "  on_rollback: touch rolled-back\n");
  const auto run =
      test::run_shipcheck(fmt::format("watch '{}' --no-store", project.path().string()));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("the window passed: no trigger fired; health answered"), std::string::npos)
      << run.out;
  // Its own /metrics counted the answers between the first and the last scrape; it has no
  // latency histogram, so no p95.
  EXPECT_NE(run.out.find(" requests, 0% errors\n"), std::string::npos) << run.out;
  EXPECT_FALSE(std::filesystem::exists(project.path() / "rolled-back"));
  EXPECT_FALSE(std::filesystem::exists(project.path() / ".shipcheck")) << "--no-store stored";
}

TEST(WatchCli, AServiceThatGoesDownTripsUnavailableAndRollsBack) {
  WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service,
                     "  for: 20s\n  interval: 100ms\n  rollback_when: [\"unavailable for 1s\"]\n"
                     "  on_rollback: echo rolled back > rolled-back; echo done\n");
  std::thread outage([&service] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    service.go_down();
  });
  const auto started = std::chrono::steady_clock::now();
  const auto run =
      test::run_shipcheck(fmt::format("watch '{}' --format json", project.path().string()));
  const auto took = std::chrono::steady_clock::now() - started;
  outage.join();
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_LT(took, std::chrono::seconds(15)) << "fired long after the outage";
  std::vector<std::string> events;
  for (std::size_t at = 0, end; (end = run.out.find('\n', at)) != std::string::npos; at = end + 1) {
    const auto line = nlohmann::json::parse(run.out.substr(at, end - at), nullptr, false);
    ASSERT_FALSE(line.is_discarded()) << run.out;
    events.push_back(line["event"].get<std::string>());
  }
  EXPECT_EQ(events, (std::vector<std::string>{"start", "breaching", "fired", "rollback"}))
      << run.out;
  EXPECT_EQ(test::slurp(project.path() / "rolled-back"), "rolled back\n");
  // The store keeps how the window ended, for WATCH001 and `history`.
  auto db = store::Store::open(store::default_db_path(project.path()));
  ASSERT_TRUE(db.has_value()) << db.error();
  const auto watches = db->recent_watches(10);
  ASSERT_EQ(watches.size(), 1U);
  EXPECT_EQ(watches[0].service, "watched");
  EXPECT_EQ(watches[0].outcome, "fired");
  EXPECT_EQ(watches[0].trigger, "unavailable for 1s");
  EXPECT_EQ(watches[0].rollback, "exit status 0");
  EXPECT_NE(watches[0].message.find("FIRED unavailable for 1s"), std::string::npos)
      << watches[0].message;
  EXPECT_GT(watches[0].polls, watches[0].healthy_polls);
}

TEST(WatchCli, ScrapedErrorRateTripsWithoutAPrometheus) {
  const WatchedService service(/*errors_per_scrape=*/1);  // 1 in 10 answers a 500
  const test::TempDir project;
  // A name only tls.resolve knows: the scrapes of /metrics must go where the health polls go.
  const std::string port = service.target().substr(service.target().rfind(':') + 1);
  project.write("shipcheck.yaml", fmt::format("service: watched\nurl: http://watched.test:{0}\n"
                                              "tls: {{resolve: ['watched.test:{0}:127.0.0.1']}}\n"
                                              "endpoints: {{health: /health}}\nwatch:\n"
                                              "  for: 20s\n  interval: 100ms\n"
                                              "  rollback_when: [\"error_rate > 5% for 500ms\"]\n"
                                              "  on_rollback: touch rolled-back\n",
                                              port));
  const auto run = test::run_shipcheck(fmt::format("watch '{}'", project.path().string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FIRED error_rate > 5% for 500ms"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(value 10%"), std::string::npos) << run.out;
  EXPECT_TRUE(std::filesystem::exists(project.path() / "rolled-back"));
}

TEST(WatchCli, ATriggerThatNeverHadDataIsNamedWhenTheWindowPasses) {
  const WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service,
                     "  for: 1s\n  interval: 100ms\n"
                     "  rollback_when: ['unavailable for 1s', 'metric(\"absent_gauge\") > 1']\n");
  const auto run =
      test::run_shipcheck(fmt::format("watch '{}' --no-store", project.path().string()));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("; never had data, so not judged: metric(\"absent_gauge\") > 1 (no "
                         "series absent_gauge in /metrics)"),
            std::string::npos)
      << run.out;
}

TEST(WatchCli, AGaugeOfTheServicesOwnMetricsTripsItsTrigger) {
  const WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service,
                     "  for: 20s\n  interval: 100ms\n"
                     "  rollback_when: ['metric(\"app_error_ratio\") > 0.1 for 300ms', "
                     "'metric(\"absent_gauge{job=\\\"x\\\"}\") > 1']\n"
                     "  on_rollback: touch rolled-back\n");
  const auto run =
      test::run_shipcheck(fmt::format("watch '{}' --no-store", project.path().string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FIRED metric(\"app_error_ratio\") > 0.1 for 300ms"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("(value 0.2)"), std::string::npos) << run.out;
  EXPECT_TRUE(std::filesystem::exists(project.path() / "rolled-back"));
}

// The lines of the events named `event` in JSON-lines output.
std::vector<std::string> messages_of(const std::string& out, const std::string& event) {
  std::vector<std::string> messages;
  for (std::size_t at = 0, end; (end = out.find('\n', at)) != std::string::npos; at = end + 1) {
    const auto line = nlohmann::json::parse(out.substr(at, end - at), nullptr, false);
    if (!line.is_discarded() && line["event"] == event) {
      messages.push_back(line["message"].get<std::string>());
    }
  }
  return messages;
}

TEST(WatchCli, ABaselineMeasuredAtTheStartBoundsTheRest) {
  WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service,
                     "  for: 20s\n  interval: 100ms\n  baseline: {over: 1s}\n"
                     "  rollback_when: ['metric(\"app_level\") > 2 * baseline for 300ms',\n"
                     "                  'metric(\"absent\") > 2 * baseline']\n");
  std::thread step([&service] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1'600));
    service.set_level(3);
  });
  auto run = test::run_shipcheck(fmt::format("watch '{}' --format json", project.path().string()));
  step.join();
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(
      messages_of(run.out, "baseline"),
      (std::vector<std::string>{
          "metric(\"app_level\") > 2 * baseline for 300ms: baseline 1 (median over the first "
          "1s); fires beyond 2",
          "metric(\"absent\") > 2 * baseline: no metric(\"absent\") in the first 1s to take a "
          "baseline from; not judged"}))
      << run.out;
  ASSERT_EQ(messages_of(run.out, "fired").size(), 1U) << run.out;
  EXPECT_NE(messages_of(run.out, "fired")[0].find("FIRED metric(\"app_level\") > 2 * baseline"),
            std::string::npos)
      << run.out;

  // The next watch takes the stored median (1: most samples were before the step) at once.
  project.write("shipcheck.yaml",
                fmt::format("service: watched\nurl: {}\nendpoints: {{health: /health}}\n"
                            "watch:\n  for: 20s\n  interval: 100ms\n"
                            "  baseline: {{from: previous}}\n"
                            "  rollback_when: ['metric(\"app_level\") > 2 * baseline for 300ms']\n",
                            service.url()));
  run = test::run_shipcheck(fmt::format("watch '{}' --format json", project.path().string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto notes = messages_of(run.out, "baseline");
  ASSERT_EQ(notes.size(), 1U) << run.out;
  EXPECT_NE(notes[0].find("metric(\"app_level\") > 2 * baseline for 300ms: baseline 1 from the "
                          "watch of 20"),
            std::string::npos)
      << notes[0];
  EXPECT_EQ(messages_of(run.out, "fired").size(), 1U) << run.out;
}

TEST(WatchCli, DatabaseConnectionsOverAShareOfThePoolTrip) {
  const WatchedService service;
  const test::Postgres postgres;
  const test::TempDir project;
  project.write(".env.production", fmt::format("DATABASE_URL={}\nDATABASE_POOL_SIZE=2\n"
                                               "DATABASE_MAX_OVERFLOW=1\n",
                                               postgres.url()));
  project.write("shipcheck.yaml",
                fmt::format("service: watched\nurl: {}\nendpoints: {{health: /health}}\n"
                            "env_file: .env.production\n"
                            "dependencies: {{postgres: {{url_env: DATABASE_URL}}}}\n"
                            "watch:\n  for: 20s\n  interval: 100ms\n  rollback_when:\n"
                            "    - db_connections > 90% of max_connections\n"
                            "    - db_connections > 50% of pool for 300ms\n",
                            service.url()));
  // Two of the pool's three connections (2 + overflow 1) in use: above half of it.
  std::vector<postgres::Session> held;
  for (int i = 0; i < 2; ++i) {
    auto session = postgres::Session::connect(postgres.url(), {});
    ASSERT_TRUE(session) << session.error().message;
    held.push_back(std::move(*session));
  }
  const auto run =
      test::run_shipcheck(fmt::format("watch '{}' --no-store", project.path().string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FIRED db_connections > 50% of pool for 300ms"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("(value 2)"), std::string::npos) << run.out;
  EXPECT_EQ((run.out + run.err).find(postgres.password()), std::string::npos);
}

TEST(WatchCli, DatabaseConnectionsNeedADatabase) {
  const WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service, "  rollback_when: ['db_connections > 80% of pool']\n");
  auto run = test::run_shipcheck(fmt::format("watch '{}'", project.path().string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("db_connections reads Postgres: configure dependencies.postgres"),
            std::string::npos)
      << run.err;
}

TEST(WatchCli, APrometheusQueryTripsItsTrigger) {
  const WatchedService service;
  const test::PrometheusServer prometheus(service.target());
  prometheus.wait_for_data("app_error_ratio");
  const test::TempDir project;
  write_watch_config(
      project, service,
      fmt::format("  for: 20s\n  interval: 200ms\n  prometheus: {}\n"
                  "  rollback_when: ['query(\"max(app_error_ratio)\") > 0.1 for 600ms']\n"
                  "  on_rollback: touch rolled-back\n",
                  prometheus.url()));
  const auto run = test::run_shipcheck(fmt::format("watch '{}'", project.path().string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FIRED query(\"max(app_error_ratio)\") > 0.1 for 600ms"),
            std::string::npos)
      << run.out;
  EXPECT_TRUE(std::filesystem::exists(project.path() / "rolled-back"));
}

TEST(WatchCli, ATerminalGetsTheLiveViewUnderTheEventLines) {
  if (!std::filesystem::exists("/usr/bin/script")) {
    GTEST_SKIP() << "util-linux script (for a pseudo-terminal) is not installed";
  }
  const WatchedService service;
  const test::TempDir project;
  write_watch_config(
      project, service,
      "  for: 1s\n  interval: 100ms\n  rollback_when: [\"unavailable for 500ms\"]\n");
  const auto args = fmt::format("watch '{}' --no-store", project.path().string());
  const auto live = run_on_terminal("", args);
  EXPECT_EQ(live.exit_code, 0) << live.out;
  // Redrawn in place: cursor up over the last frame's four lines (the header, the health
  // poll, the trigger and its sparkline), then clear to the end of the screen.
  EXPECT_NE(live.out.find("\x1b[4A\r\x1b[J"), std::string::npos) << live.out;
  EXPECT_NE(live.out.find("\x1b[32mup\x1b[0m"), std::string::npos) << "health in green";
  // The summary line, and under it the last frame: its header and a sparkline of up polls.
  const auto summary = live.out.rfind("the window passed: no trigger fired");
  ASSERT_NE(summary, std::string::npos) << live.out;
  const auto last_frame = live.out.substr(summary);
  EXPECT_NE(last_frame.find("\nwatching http://127.0.0.1:"), std::string::npos) << live.out;
  EXPECT_NE(last_frame.find(" of 1s, "), std::string::npos) << live.out;
  EXPECT_NE(last_frame.find(" left, every 100ms"), std::string::npos) << live.out;
  EXPECT_NE(last_frame.find("unavailable for 500ms  now up"), std::string::npos) << live.out;
  EXPECT_NE(last_frame.find("█████"), std::string::npos) << live.out;
  EXPECT_EQ(last_frame.find("\x1b[J"), std::string::npos) << "the last frame was erased";

  const auto plain = run_on_terminal("NO_COLOR=1", args);
  EXPECT_EQ(plain.exit_code, 0) << plain.out;
  EXPECT_NE(plain.out.find("left, every 100ms"), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("\x1b[3"), std::string::npos) << "NO_COLOR painted";

  const auto lines = run_on_terminal("", args + " --no-live");
  EXPECT_EQ(lines.exit_code, 0) << lines.out;
  EXPECT_EQ(lines.out.find('\x1b'), std::string::npos) << lines.out;
  EXPECT_EQ(lines.out.find("left, every"), std::string::npos) << lines.out;
  EXPECT_NE(lines.out.find("the window passed: no trigger fired"), std::string::npos) << lines.out;
}

TEST(WatchCli, APrometheusBehindBasicAuthAndNoDataThatFails) {
  const WatchedService service;
  const std::string password = "pa55-Word-7f3c9e21";
  const test::PrometheusServer prometheus(service.target(), "watcher", password);
  prometheus.wait_for_data("app_error_ratio");
  const test::TempDir project;
  const auto config_with = [&](const std::string& password_env, const std::string& trigger) {
    project.write("shipcheck.yaml",
                  fmt::format("service: watched\nurl: {}\nendpoints: {{health: /health}}\n"
                              "env_file: .env\nwatch:\n  for: 20s\n  interval: 200ms\n"
                              "  prometheus: {}\n"
                              "  prometheus_auth: {{username: watcher, password_env: {}}}\n"
                              "  rollback_when:\n    - {}\n",
                              service.url(), prometheus.url(), password_env, trigger));
  };
  const auto watch = [&project] {
    return test::run_shipcheck(fmt::format("watch '{}' --no-store", project.path().string()));
  };
  project.write(".env", fmt::format("PROM_PASSWORD={}\nWRONG_PASSWORD=not-it\n", password));

  config_with("PROM_PASSWORD", "'query(\"max(app_error_ratio)\") > 0.1 for 600ms'");
  auto run = watch();
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FIRED query(\"max(app_error_ratio)\") > 0.1 for 600ms"),
            std::string::npos)
      << run.out;
  EXPECT_EQ((run.out + run.err).find(password), std::string::npos);

  // Refused by Prometheus: no data, which this trigger says is a failure (at the first poll).
  config_with("WRONG_PASSWORD",
              "{when: 'query(\"max(app_error_ratio)\") > 0.1 for 1m', on_no_data: fail}");
  run = watch();
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FIRED"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("401"), std::string::npos) << run.out;
  EXPECT_EQ((run.out + run.err).find("not-it"), std::string::npos);

  config_with("UNSET_PASSWORD", "'query(\"up\") < 1'");
  run = watch();
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("watch.prometheus_auth: UNSET_PASSWORD is not set"), std::string::npos)
      << run.err;
}

TEST(WatchCli, UnsupportedSignalsAndMissingSectionsAreUsageErrors) {
  const WatchedService service;
  const test::TempDir project;
  write_watch_config(project, service, "  rollback_when: ['query(\"up\") > 1']\n");
  auto run = test::run_shipcheck(fmt::format("watch '{}'", project.path().string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("query(...) needs watch.prometheus"), std::string::npos) << run.err;
  project.write("shipcheck.yaml", "service: x\nurl: http://127.0.0.1:9\n");
  run = test::run_shipcheck(fmt::format("watch '{}'", project.path().string()));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no watch: section"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace shipcheck
