// `shipcheck probe URL` against a real nginx: exit codes, flags and the report.
#include <algorithm>

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

// Flags for probing several of these servers: the CA and every port resolved to 127.0.0.1.
std::string shared_flags(const std::vector<const test::Nginx*>& servers) {
  std::string flags =
      fmt::format("--cacert '{}' --format json", test::test_certificates().ca.string());
  for (const auto* nginx : servers) {
    flags += fmt::format(" --resolve app.test:{}:127.0.0.1", nginx->https_port());
  }
  return flags;
}

TEST(ProbeCommand, TwoTargetsAreJudgedEachOnItsOwnInOneReport) {
  const test::Nginx good(test::https_server(test::k_good_headers));
  const test::Nginx bad(
      test::https_server(test::without_header(test::k_good_headers, "X-Content-Type-Options")));
  // HDR007 needs the hosts' port 80, RATE001 a rate limit: neither is set up here.
  const auto run = test::run_shipcheck(
      fmt::format("probe {} {} {} --only HDR,TLS,EXP --skip HDR007 --jobs 2", bad.https_url(),
                  good.https_url(), shared_flags({&good, &bad})));
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(test::schema_error(run.out), "");
  const auto report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["verdict"], "not-ready");
  EXPECT_EQ(report["service"], "2 targets");
  // Every result of the first target given comes before any of the second; each names its
  // own target (the TLS and header rules its URL), and only the bad one misses nosniff.
  std::vector<int> owners;
  for (const auto& r : report["results"]) {
    const std::string target = r["target"];
    const bool of_bad = target.find(fmt::format(":{}/", bad.https_port())) != std::string::npos;
    const bool of_good = target.find(fmt::format(":{}/", good.https_port())) != std::string::npos;
    ASSERT_NE(of_bad, of_good) << r.dump();
    owners.push_back(of_bad ? 0 : 1);
    const std::string rule = r["rule"];
    if (r["family"] == "tls" || rule.starts_with("HDR")) {
      EXPECT_EQ(target, of_bad ? bad.https_url() : good.https_url()) << r.dump();
    }
    EXPECT_EQ(r["status"] == "fail", of_bad && rule == "HDR004") << r.dump();
    EXPECT_NE(r["status"], "error") << r.dump();
  }
  EXPECT_TRUE(std::is_sorted(owners.begin(), owners.end()));
  // Per target: HDR001-HDR006 (HDR006 skips: no cookies), HDR008-HDR009, TLS001-TLS005,
  // EXP001-EXP006.
  EXPECT_EQ(std::count(owners.begin(), owners.end(), 0), 19);
  EXPECT_EQ(std::count(owners.begin(), owners.end(), 1), 19);
}

TEST(ProbeCommand, NoTargetIsCheckedAfterAnotherTargetsBurstOnTheSameHost) {
  // One rate limit for the whole host (1 request a second, bursts of 5) and two targets on
  // it. One at a time (--jobs 1), target /b/'s health check would meet the 429s of /a/'s
  // RATE001 burst if each target ran all its checks in turn; the bursts wait for the rest.
  const test::Nginx nginx("limit_req_zone $binary_remote_addr zone=host:1m rate=1r/s;\n" +
                          test::site("location / {\n  limit_req zone=host burst=5 nodelay;\n"
                                     "  limit_req_status 429;\n  empty_gif;\n}\n"));
  const auto run = test::run_shipcheck(
      fmt::format("probe {} {} --only HLTH001,RATE001 --health /health --jobs 1 {}",
                  nginx.https_url("/a/"), nginx.https_url("/b/"), shared_flags({&nginx})));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["results"].size(), 4U) << run.out;
  const std::vector<std::string> order = {"HLTH001", "RATE001", "HLTH001", "RATE001"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& r = report["results"][i];
    EXPECT_EQ(r["rule"], order[i]) << r.dump();
    EXPECT_EQ(r["status"], "pass") << r.dump();
  }
  EXPECT_EQ(report["results"][1]["target"], nginx.https_url("/a/"));
  EXPECT_EQ(report["results"][3]["target"], nginx.https_url("/b/"));
}

TEST(ProbeCommand, TargetsFileIsReadAndABadLineIsAUsageErrorAtFileAndLine) {
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  test::TempDir dir;
  const auto good = dir.write("good.txt", fmt::format("# one service\n\n{}\n", nginx.https_url()));
  const auto ok = test::run_shipcheck(
      fmt::format("probe --targets '{}' --only HDR004 {}", good.string(), shared_flags({&nginx})));
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  const auto report = nlohmann::json::parse(ok.out);
  ASSERT_EQ(report["results"].size(), 1U);
  EXPECT_EQ(report["results"][0]["target"], nginx.https_url());

  const auto bad =
      dir.write("bad.txt", fmt::format("{}\n# next\nhttps//typo.test/\n", nginx.https_url()));
  const auto run = test::run_shipcheck(
      fmt::format("probe --targets '{}' --only HDR004 {}", bad.string(), shared_flags({&nginx})));
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("bad.txt:3: 'https//typo.test/'"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(ProbeCommand, HttpUrlWithSeveralTargetsIsAUsageError) {
  const auto run =
      test::run_shipcheck("probe https://a.test/ https://b.test/ --http-url http://a.test/");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("--http-url"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("2 targets"), std::string::npos) << run.err;
}

TEST(ProbeCommand, BadArgumentsAreUsageErrors) {
  for (const char* args :
       {"probe", "probe ftp://x", "probe https://x ftp://y", "probe https://x --jobs 0",
        "probe --targets /nonexistent/targets.txt", "probe https://x --resolve nonsense",
        "probe https://x --cacert /nonexistent/ca.pem", "probe https://x --fail-on never"}) {
    const auto run = test::run_shipcheck(args);
    EXPECT_EQ(run.exit_code, 2) << args << ": " << run.err;
    EXPECT_FALSE(run.err.empty()) << args;
  }
}

}  // namespace
}  // namespace shipcheck
