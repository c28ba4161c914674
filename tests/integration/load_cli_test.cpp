// `shipcheck load` from the command line against a real nginx: the shipcheck.load/v1 JSON
// contract, thresholds as the exit code, usage errors, and the token never printed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/nginx.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

std::string load_server() {
  return "log_format bearer '$request $http_authorization';\n"
         "server {\n  listen 127.0.0.1:{http_port};\n"
         "  access_log \"{dir}/cli.log\" bearer;\n"
         "  location / { return 200 'ok'; }\n  location /missing { return 404; }\n}\n"
         // The fixture waits for its https port.
         "server {\n  listen 127.0.0.1:{https_port} ssl;\n  ssl_certificate \"{cert}\";\n"
         "  ssl_certificate_key \"{key}\";\n  return 200 'ok';\n}\n";
}

std::string plain_url(const test::Nginx& nginx, const std::string& path = "/") {
  return fmt::format("http://127.0.0.1:{}{}", nginx.http_port(), path);
}

TEST(LoadCli, JsonFollowsTheContract) {
  const test::Nginx nginx(load_server());
  const auto run = test::run_shipcheck(fmt::format(
      "load {} --rate 200 --duration 1s --threads 1 --format json --threshold 'p99 < 2s' "
      "--threshold 'error_rate < 1%'",
      plain_url(nginx)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(test::schema_error(run.out, "load.schema.json"), "") << run.out;
  const auto j = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << run.out;
  EXPECT_EQ(j["schema"], "shipcheck.load/v1");
  EXPECT_EQ(j["url"], plain_url(nginx));
  EXPECT_EQ(j["model"], "open");
  EXPECT_GE(j["requests"].get<int>(), 195);
  EXPECT_GT(j["duration_s"].get<double>(), 0.9);
  EXPECT_GT(j["rps"].get<double>(), 150.0);
  for (const char* key : {"connect", "read", "write", "timeout", "status_4xx", "status_5xx"}) {
    EXPECT_EQ(j["errors"][key], 0) << key;
  }
  for (const char* group : {"latency_ms", "latency_uncorrected_ms"}) {
    for (const char* key : {"p50", "p90", "p95", "p99", "p999", "max"}) {
      ASSERT_TRUE(j[group].contains(key)) << group << "." << key;
      EXPECT_GT(j[group][key].get<double>(), 0.0) << group << "." << key;
    }
    EXPECT_LE(j[group]["p50"].get<double>(), j[group]["p99"].get<double>());
  }
  ASSERT_EQ(j["thresholds"].size(), 2U);
  EXPECT_EQ(j["thresholds"][0]["expr"], "p99 < 2s");
  EXPECT_EQ(j["thresholds"][0]["ok"], true);
  EXPECT_EQ(j["thresholds"][1]["value"], 0.0);
  std::int64_t counted = 0;
  for (const auto& bucket : j["histogram"]) {
    counted += bucket["count"].get<std::int64_t>();
  }
  EXPECT_EQ(counted, j["requests"].get<std::int64_t>());
}

TEST(LoadCli, ACrossedThresholdExitsOne) {
  const test::Nginx nginx(load_server());
  const auto run = test::run_shipcheck(
      fmt::format("load {} --connections 2 --threads 1 --duration 1s --max-requests 50 "
                  "--path / --path /missing --threshold 'error_rate < 1%'",
                  plain_url(nginx)));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FAIL  error_rate < 1%  (error_rate = 50% (25 of 50))"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("status_4xx 25"), std::string::npos) << run.out;
}

TEST(LoadCli, UsageErrorsExitTwoWithTheReason) {
  const struct {
    const char* args;
    const char* says;
  } cases[] = {
      {"load http://127.0.0.1:9/ --duration 1s", "give --rate R (open model) or --connections C"},
      {"load http://127.0.0.1:9/ -c 1", "--duration is required"},
      {"load http://127.0.0.1:9/ -c 1 --duration soon", "--duration 'soon' is not a duration"},
      {"load ftp://127.0.0.1:9/ -c 1 --duration 1s", "is not an http:// or https:// URL"},
      {"load http://127.0.0.1:9/ -c 1 --duration 1s --threshold 'p95 < fast'", "--threshold"},
      {"load http://127.0.0.1:9/ -c 1 --duration 1s -H NoColon", "is not 'Name: value'"},
  };
  for (const auto& c : cases) {
    const auto run = test::run_shipcheck(c.args);
    EXPECT_EQ(run.exit_code, 2) << c.args << "\n" << run.err;
    EXPECT_NE(run.err.find(c.says), std::string::npos) << c.args << "\n" << run.err;
  }
}

TEST(LoadCli, TheTokenGoesToTheServerAndNowhereElse) {
  const test::Nginx nginx(load_server());
  const std::string token = "sk_live_load_test_token_4f9a8b7c6d5e4f3a2b1c";
  setenv("SHIPCHECK_LOAD_TOKEN", token.c_str(), 1);
  const auto run = test::run_shipcheck(fmt::format(
      "load {} -c 1 -t 1 --duration 1s --max-requests 5 --auth-env SHIPCHECK_LOAD_TOKEN "
      "--format json",
      plain_url(nginx)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ((run.out + run.err).find(token), std::string::npos);
  std::ifstream log(nginx.dir() / "cli.log");
  const std::string logged((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(logged.find("Bearer " + token), std::string::npos) << logged;
}

}  // namespace
}  // namespace shipcheck
