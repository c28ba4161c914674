// Secrets stay secret: the demo's generated secrets never appear in any output format,
// with --verbose, in failures that concern those very secrets, in errors, or in the store.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/redact.h"
#include "engines/dotenv/dotenv.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

// Values of secret-named variables, and passwords inside URL values.
std::vector<std::string> planted_secrets(const std::filesystem::path& env_file) {
  auto env = dotenv::parse_file(env_file.string());
  EXPECT_TRUE(env) << env.error().to_string();
  std::vector<std::string> secrets;
  for (const auto& e : env->entries) {
    if (is_secret_name(e.key) && e.value.size() >= 8) {
      secrets.push_back(e.value);
    }
    const auto scheme = e.value.find("://");
    const auto at = e.value.find('@');
    if (scheme != std::string::npos && at != std::string::npos) {
      const auto colon = e.value.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) {
        secrets.push_back(e.value.substr(colon + 1, at - colon - 1));
      }
    }
  }
  return secrets;
}

using test::slurp;

void expect_no_secret(const std::string& output, const std::vector<std::string>& secrets,
                      const std::string& what) {
  for (const auto& secret : secrets) {
    EXPECT_EQ(output.find(secret), std::string::npos)
        << what << " leaks a secret of length " << secret.size();
  }
}

class SecretsStaySecret : public ::testing::Test {
 protected:
  void SetUp() override {
    m_svc = m_dir.path() / "svc";
    test::run_script("demo", fmt::format("setup '{}'", m_svc.string()));
    m_secrets = planted_secrets(m_svc / ".env.production");
    ASSERT_GE(m_secrets.size(), 4U) << "the demo should hold several secrets";
  }
  void expect_clean_runs(const std::string& label) {
    for (const std::string flags :
         {"", "--verbose", "--quiet", "--format json", "--format json --verbose"}) {
      const auto run = test::run_shipcheck(fmt::format("run '{}' {}", m_svc.string(), flags));
      expect_no_secret(run.out + run.err, m_secrets, label + " run " + flags);
    }
    const auto db = m_svc / ".shipcheck" / "history.db";
    ASSERT_TRUE(std::filesystem::exists(db));
    expect_no_secret(slurp(db), m_secrets, label + " history.db");
  }
  test::TempDir m_dir;
  std::filesystem::path m_svc;
  std::vector<std::string> m_secrets;
};

TEST_F(SecretsStaySecret, InEveryFormatOfAGoodRun) {
  expect_clean_runs("good");
}

TEST_F(SecretsStaySecret, WhenTheSecretsThemselvesFail) {
  // Weak/placeholder secrets and a DATABASE_URL without sslmode all talk about secrets.
  for (const char* rule : {"ENV003", "ENV009"}) {
    test::run_script("demo", fmt::format("plant '{}' {}", m_svc.string(), rule));
  }
  m_secrets = planted_secrets(m_svc / ".env.production");
  expect_clean_runs("defects");
}

TEST_F(SecretsStaySecret, InParseErrors) {
  // An unterminated quote on a secret's own line: the error names the line, not the value.
  std::ofstream(m_svc / ".env.production", std::ios::app)
      << "BROKEN_SECRET_KEY=\"" << m_secrets.front() << "\n";
  const auto run = test::run_shipcheck(fmt::format("run '{}' --verbose", m_svc.string()));
  EXPECT_EQ(run.exit_code, 2) << run.err;
  expect_no_secret(run.out + run.err, m_secrets, "parse error");
}

}  // namespace
}  // namespace shipcheck
