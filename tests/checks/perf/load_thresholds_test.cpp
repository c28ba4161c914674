#include "checks/perf/load_thresholds.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "support/fixture.h"
#include "support/nginx.h"
#include "support/socket_server.h"

namespace shipcheck::checks {
namespace {

bool says(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

PerformanceConfig gentle_load(std::vector<std::string> thresholds) {
  PerformanceConfig p;
  p.path = "/";
  p.rate = 100;
  p.duration = "1s";
  p.thresholds = std::move(thresholds);
  return p;
}

TEST(LoadThresholdsTest, PassesWithAFastServerOverTls) {
  const test::Nginx nginx(
      "server {\n  listen 127.0.0.1:{https_port} ssl;\n  server_name app.test;\n"
      "  ssl_certificate \"{cert}\";\n  ssl_certificate_key \"{key}\";\n"
      "  location / { return 200 'ok'; }\n}\n");
  Config config = nginx.config();
  config.performance = gentle_load({"p95 < 500ms", "error_rate < 1%", "rps >= 80"});
  const auto results = test::run_check(LoadThresholds(), config);
  ASSERT_EQ(test::statuses(results), "pass,pass,pass") << results[0].message;
  EXPECT_TRUE(says(results[0].message, "p95 < 500ms holds under load (p95 = "))
      << results[0].message;
  EXPECT_TRUE(says(results[0].evidence, "100 req/s for 1s over 10 connections: 100 requests"))
      << results[0].evidence;
  EXPECT_EQ(results[0].target, nginx.https_url("/"));
}

TEST(LoadThresholdsTest, FailsWhenTheServerIsSlowerThanTheThreshold) {
  const test::SocketServer slow(
      [](int fd) {
        while (!test::read_request(fd).empty()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(60));
          test::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
      },
      true);
  Config config = test::config_for(".");
  config.url = slow.url();
  config.performance = gentle_load({"p95 < 30ms", "error_rate < 1%"});
  config.performance->rate = 50;
  const auto results = test::run_check(LoadThresholds(), config);
  ASSERT_EQ(test::statuses(results), "fail,pass") << results[0].message;
  EXPECT_TRUE(says(results[0].message, "p95 < 30ms is crossed under load (p95 = "))
      << results[0].message;
}

TEST(LoadThresholdsTest, FailsWhenTooManyRequestsFail) {
  const test::Nginx nginx(
      "server {\n  listen 127.0.0.1:{https_port} ssl;\n  server_name app.test;\n"
      "  ssl_certificate \"{cert}\";\n  ssl_certificate_key \"{key}\";\n"
      "  location / { return 503; }\n}\n");
  Config config = nginx.config();
  config.performance = gentle_load({});
  const auto results = test::run_check(LoadThresholds(), config);
  ASSERT_EQ(test::statuses(results), "pass,fail") << results[1].message;
  EXPECT_EQ(results[1].message,
            "error_rate < 1% is crossed under load (error_rate = 100% (100 of 100))");
}

TEST(LoadThresholdsTest, PassesWithAWeightedMixCarryingTheToken) {
  const test::Nginx nginx(
      "log_format perf '$request $http_authorization';\n"
      "server {\n  listen 127.0.0.1:{https_port} ssl;\n  server_name app.test;\n"
      "  ssl_certificate \"{cert}\";\n  ssl_certificate_key \"{key}\";\n"
      "  access_log \"{dir}/perf.log\" perf;\n"
      "  location / { return 200 'ok'; }\n}\n");
  Config config = nginx.config();
  const std::string token = "perf_token_9c1d7e5a3b2f4d6e8a0c";
  setenv("SHIPCHECK_PERF_TOKEN", token.c_str(), 1);
  config.auth.token_env = "SHIPCHECK_PERF_TOKEN";
  config.performance = gentle_load({"error_rate < 1%"});
  config.performance->path.clear();
  config.performance->auth = true;
  config.performance->mix = {{"GET", "/a", {}, "", 3, {}}, {"POST", "/b", {}, "{}", 1, {}}};
  const auto results = test::run_check(LoadThresholds(), config);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ((results[0].message + results[0].evidence).find(token), std::string::npos);
  std::ifstream log(nginx.dir() / "perf.log");
  std::size_t a = 0;
  std::size_t b = 0;
  for (std::string line; std::getline(log, line);) {
    if (!line.starts_with("GET /a ") && !line.starts_with("POST /b ")) {
      continue;  // the live checks' own look at the service before the load test
    }
    EXPECT_NE(line.find("Bearer " + token), std::string::npos) << line;
    a += line.starts_with("GET /a ") ? 1 : 0;
    b += line.starts_with("POST /b ") ? 1 : 0;
  }
  // 3:1, interleaved (a a b a, a a b a, ...): the few requests the one-second schedule may
  // not reach leave it within one cycle.
  EXPECT_GE(a + b, 95U);
  EXPECT_NEAR(static_cast<double>(a), 3.0 * static_cast<double>(b), 3.0);
}

TEST(LoadThresholdsTest, IsAnErrorAtOnceWhenTheServiceDoesNotAnswer) {
  Config config = test::config_for(".");
  config.url = fmt::format("http://127.0.0.1:{}/", test::free_port());  // nothing listens
  config.performance = gentle_load({});
  config.performance->duration = "1h";  // never reached: no load test starts
  const auto results = test::run_check(LoadThresholds(), config);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_TRUE(says(results[0].message, "did not answer")) << results[0].message;
  EXPECT_TRUE(says(results[0].message, "no load test")) << results[0].message;
}

TEST(LoadThresholdsTest, SkipsWithoutAPerformanceSection) {
  const auto results = test::run_check(LoadThresholds(), test::config_for("."));
  ASSERT_EQ(test::statuses(results), "skip");
}

TEST(LoadThresholdsTest, IsAnErrorWithoutABound) {
  Config config = test::config_for(".");
  config.url = "http://127.0.0.1:9/";
  config.performance = PerformanceConfig{};
  config.performance->path = "/";
  const auto results = test::run_check(LoadThresholds(), config);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_TRUE(says(results[0].message, "never unbounded")) << results[0].message;
}

}  // namespace
}  // namespace shipcheck::checks
