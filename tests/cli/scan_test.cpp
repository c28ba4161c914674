// `shipcheck scan secrets` through the real binary: exit codes, formats, noise control.
#include <fstream>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "support/fixture.h"
#include "support/secret_samples.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

std::string hex32() {
  std::mt19937 rng(7);
  std::string out;
  for (int i = 0; i < 32; ++i) {
    out.push_back("0123456789abcdef"[rng() % 16]);
  }
  return out;
}

class ScanSecrets : public ::testing::Test {
 protected:
  void SetUp() override {
    m_token = test::github_token("ghp", 31);
    m_dir.write("README.md", "# service\n");
  }
  test::CliRun scan(const std::string& flags) {
    return test::run_shipcheck(fmt::format("scan secrets '{}' {}", m_dir.path().string(), flags));
  }
  static int fails(const nlohmann::json& report) {
    int n = 0;
    for (const auto& r : report["results"]) {
      n += r["status"] == "fail" && !r.contains("suppressed");
    }
    return n;
  }
  test::TempDir m_dir;
  std::string m_token;
};

TEST_F(ScanSecrets, ExitsZeroAndQuietOnACleanTree) {
  const auto run = scan("--format json");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(test::schema_error(run.out), "");
  EXPECT_EQ(fails(nlohmann::json::parse(run.out)), 0);
}

TEST_F(ScanSecrets, ExitsOneWithARedactedFinding) {
  m_dir.write("deploy.sh", "export GITHUB_TOKEN=" + m_token + "\n");
  const auto run = scan("--format json");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(test::schema_error(run.out), "");
  EXPECT_EQ(run.out.find(m_token), std::string::npos);
  EXPECT_EQ(run.err.find(m_token), std::string::npos);
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(fails(report), 1);
  for (const auto& r : report["results"]) {
    if (r["status"] == "fail") {
      EXPECT_EQ(r["rule"], "SEC002");
      EXPECT_EQ(r["evidence"], "ghp_…(40)");
      EXPECT_EQ(r["location"]["file"], "deploy.sh");
      EXPECT_EQ(r["location"]["line"], 1);
    }
  }
}

TEST_F(ScanSecrets, FailOnRaisesTheBar) {
  // SEC008 (observability keys) is medium: it fails at --fail-on medium, not at high.
  m_dir.write("sentry.py",
              "SENTRY_DSN = 'https://" + hex32() + "@o123456.ingest.sentry.io/4504'\n");
  const auto medium = scan("--fail-on medium --format json");
  ASSERT_EQ(medium.exit_code, 1) << medium.out;
  EXPECT_EQ(scan("--fail-on high --format json").exit_code, 0);
  EXPECT_EQ(scan("--fail-on severe").exit_code, 2);
}

TEST_F(ScanSecrets, AllowCommentAndBaselineSilenceKnownFindings) {
  m_dir.write("a.sh", "export GITHUB_TOKEN=" + m_token + "  # shipcheck:allow\n");
  EXPECT_EQ(scan("--quiet").exit_code, 0);
  m_dir.write("a.sh", "export GITHUB_TOKEN=" + m_token + "\n");
  const auto baseline = (m_dir.path() / ".." / "baseline.json").lexically_normal();
  EXPECT_EQ(scan(fmt::format("--quiet --write-baseline '{}'", baseline.string())).exit_code, 1);
  EXPECT_EQ(scan(fmt::format("--quiet --baseline '{}'", baseline.string())).exit_code, 0);
  m_dir.write("b.sh", "export NPM_TOKEN=" + test::github_token("npm", 32) + "\n");
  EXPECT_EQ(scan(fmt::format("--quiet --baseline '{}'", baseline.string())).exit_code, 1);
  std::filesystem::remove(baseline);
}

TEST_F(ScanSecrets, ReadsStandardInput) {
  std::string output;
  const int code =
      test::run_command(fmt::format("printf 'x\\ntoken: {}\\n' | '{}' scan secrets - --format json",
                                    m_token, SHIPCHECK_BINARY),
                        output);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("\"file\": \"<stdin>\""), std::string::npos) << output;
  EXPECT_NE(output.find("\"line\": 2"), std::string::npos);
  EXPECT_EQ(output.find(m_token), std::string::npos);
}

TEST_F(ScanSecrets, BadInputIsAUsageErrorWithItsLocation) {
  m_dir.write("rules.yaml",
              "schema: shipcheck.secrets/v1\ndetectors:\n  - id: x\n    rule: SEC001\n"
              "    description: d\n    regex: '(unclosed'\n");
  const auto bad_rules = scan(fmt::format("--rules '{}'", (m_dir.path() / "rules.yaml").string()));
  EXPECT_EQ(bad_rules.exit_code, 2);
  EXPECT_NE(bad_rules.err.find("rules.yaml:6:12: regex does not compile"), std::string::npos)
      << bad_rules.err;
  EXPECT_EQ(test::run_shipcheck("scan secrets /nonexistent/dir").exit_code, 2);
  EXPECT_EQ(test::run_shipcheck("scan nothing").exit_code, 2);
  test::git_commit_all(m_dir.path());
  const auto since = scan("--history --since no-such-rev");
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_NE(since.err.find("unknown revision 'no-such-rev'"), std::string::npos) << since.err;
}

TEST_F(ScanSecrets, CustomRulesExtendTheBuiltInOnes) {
  m_dir.write("rules.yaml",
              "schema: shipcheck.secrets/v1\ndetectors:\n  - id: acme-key\n    rule: SEC014\n"
              "    description: ACME internal key\n    regex: '\\b(acme_[a-z0-9]{24})\\b'\n"
              "    entropy: 3\n");
  m_dir.write("app.py", "KEY = 'acme_" + to_lower(test::random_alnum(24, 33)) + "'\n");
  const auto run =
      scan(fmt::format("--rules '{}' --format json", (m_dir.path() / "rules.yaml").string()));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("(acme-key)"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck
