// `shipcheck probe URL` against a real nginx: exit codes, flags and the report.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checks/http/http_fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

std::string probe_args(const test::Nginx& nginx, const std::string& extra = "") {
  return fmt::format(
      "probe {} --cacert '{}' --resolve app.test:{}:127.0.0.1 --resolve "
      "app.test:{}:127.0.0.1 --http-url {} --format json {}",
      nginx.https_url(), test::test_certificates().ca.string(), nginx.https_port(),
      nginx.http_port(), nginx.http_url(), extra);
}

TEST(ProbeCommand, GoodServerPassesEveryLiveRuleWithExitZero) {
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  // The fixture has no rate limit, so RATE001 would fail: it is left out here.
  const auto run = test::run_shipcheck(probe_args(nginx, "--skip RATE"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(test::schema_error(run.out), "");
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["verdict"], "ready");
  int passed = 0;
  for (const auto& r : report["results"]) {
    EXPECT_TRUE(r["family"] == "http" || r["family"] == "tls") << r.dump();
    EXPECT_NE(r["status"], "fail") << r.dump();
    EXPECT_NE(r["status"], "error") << r.dump();
    passed += r["status"] == "pass" ? 1 : 0;
  }
  // 7 HDR (HDR006 and HDR008 skip: no cookies, no HTML), 5 TLS, 6 EXP, CORS001 and
  // CORS002; HLTH, AUTH and CORS003 skip: no endpoints, protected paths or origins are given.
  EXPECT_EQ(passed, 20);
}

TEST(ProbeCommand, HealthFlagsRunTheHealthRules) {
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  const auto run = test::run_shipcheck(
      probe_args(nginx, "--only HLTH --health /health --readiness /readyz --liveness /livez"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["results"].size(), 3U);
  for (const auto& r : report["results"]) {
    EXPECT_EQ(r["status"], "pass") << r.dump();
  }
}

TEST(ProbeCommand, MissingHstsFailsOnlyHdr001WithExitOne) {
  const test::Nginx nginx(
      test::https_server(test::without_header(test::k_good_headers, "Strict-Transport-Security")));
  const auto run = test::run_shipcheck(probe_args(nginx, "--skip RATE"));  // no limit here
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  for (const auto& r : report["results"]) {
    EXPECT_EQ(r["status"] == "fail", r["rule"] == "HDR001") << r.dump();
  }
}

TEST(ProbeCommand, UntrustedCertificateFailsTls002AndTheHeadersAreStillGraded) {
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  // No --cacert: the test CA is in no trust store.
  const auto run = test::run_shipcheck(
      fmt::format("probe {} --resolve app.test:{}:127.0.0.1 --format json --only HDR001,TLS002",
                  nginx.https_url(), nginx.https_port()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["results"].size(), 2U);
  for (const auto& r : report["results"]) {
    EXPECT_EQ(r["status"], r["rule"] == "TLS002" ? "fail" : "pass") << r.dump();
  }
  EXPECT_EQ(report["verdict"], "not-ready");
}

TEST(ProbeCommand, BadArgumentsAreUsageErrors) {
  for (const char* args :
       {"probe", "probe ftp://x", "probe https://x --resolve nonsense",
        "probe https://x --cacert /nonexistent/ca.pem", "probe https://x --fail-on never"}) {
    const auto run = test::run_shipcheck(args);
    EXPECT_EQ(run.exit_code, 2) << args << ": " << run.err;
    EXPECT_FALSE(run.err.empty()) << args;
  }
}

}  // namespace
}  // namespace shipcheck
