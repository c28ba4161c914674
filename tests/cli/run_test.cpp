// `shipcheck run --url`: the live checks against a real nginx from a config that names no url.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checks/http/http_fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

// A project whose shipcheck.yaml trusts the test CA and resolves app.test, but has no url.
std::string project_for(const test::TempDir& dir, const test::Nginx& nginx) {
  dir.write("shipcheck.yaml",
            fmt::format("service: x\ntls:\n  ca_file: '{}'\n  resolve: ['app.test:{}:127.0.0.1']\n",
                        test::test_certificates().ca.string(), nginx.https_port()));
  return dir.path().string();
}

nlohmann::json result_of(const std::string& report, const std::string& rule) {
  const auto parsed = nlohmann::json::parse(report);
  for (const auto& r : parsed["results"]) {
    if (r["rule"] == rule) {
      return r;
    }
  }
  return nullptr;
}

TEST(RunCommand, UrlFlagAddsTheLiveChecks) {
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  const test::TempDir dir;
  const std::string project = project_for(dir, nginx);
  const auto with_url = test::run_shipcheck(fmt::format(
      "run '{}' --url {} --only HDR001 --format json --no-store", project, nginx.https_url()));
  ASSERT_EQ(with_url.exit_code, 0) << with_url.out << with_url.err;
  const auto hsts = result_of(with_url.out, "HDR001");
  ASSERT_FALSE(hsts.is_null()) << with_url.out;
  EXPECT_EQ(hsts["status"], "pass") << hsts.dump();
  EXPECT_EQ(hsts["target"], nginx.https_url());

  const auto without =
      test::run_shipcheck(fmt::format("run '{}' --only HDR001 --format json --no-store", project));
  const auto skipped = result_of(without.out, "HDR001");
  ASSERT_FALSE(skipped.is_null()) << without.out << without.err;
  EXPECT_EQ(skipped["status"], "skip");
}

TEST(RunCommand, UrlFlagRejectsWhatIsNotAnHttpUrlAndStatic) {
  const test::TempDir dir;
  const auto bad = test::run_shipcheck(
      fmt::format("run '{}' --url ftp://x.example --no-store", dir.path().string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--url 'ftp://x.example' is not an http:// or https:// URL"),
            std::string::npos)
      << bad.err;
  const auto both = test::run_shipcheck(
      fmt::format("run '{}' --url https://x.example --static --no-store", dir.path().string()));
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("contradict"), std::string::npos) << both.err;
}

}  // namespace
}  // namespace shipcheck
