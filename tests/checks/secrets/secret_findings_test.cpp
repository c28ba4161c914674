// SEC001 ... SEC015 as `run` sees them: the SecretFindings check, once per rule, over a
// real git repository (tree and history).
#include "checks/secrets/secret_findings.h"

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "checks/secrets/secret_rules.h"
#include "support/fixture.h"
#include "support/secret_samples.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::checks {
namespace {

using test::TempDir;

std::vector<Result> run_rule(const std::string& id, const std::filesystem::path& root) {
  return test::run_check(SecretFindings(id), test::config_for(root));
}

class SecretFindingsTest : public ::testing::Test {
 protected:
  TempDir m_dir;
};

TEST_F(SecretFindingsTest, PassesWithARepositoryWithoutSecrets) {
  m_dir.write("app.py",
              "import os\nAPI_KEY = os.environ[\"API_KEY\"]\npassword = \"changeme\"\n"
              "TOKEN = \"<your-token-here>\"\n");
  m_dir.write("deploy/secret.yaml",
              "apiVersion: v1\nkind: Secret\nstringData:\n  password: ${DB_PASSWORD}\n");
  test::git_commit_all(m_dir.path());
  for (const auto& rule : secrets::secret_rules()) {
    const auto results = run_rule(rule.id, m_dir.path());
    ASSERT_EQ(test::statuses(results), "pass") << rule.id << ": " << results.front().message;
    EXPECT_NE(results.front().message.find("none found in"), std::string::npos);
  }
}

TEST_F(SecretFindingsTest, FailsWhenATokenIsCommitted) {
  const std::string token = test::github_token("ghp", 21);
  m_dir.write("README.md", "# demo\n");
  m_dir.write("ci/publish.sh", "#!/bin/sh\nexport GH_TOKEN=" + token + "\n");
  test::git_commit_all(m_dir.path());
  const auto results = run_rule("SEC002", m_dir.path());
  ASSERT_EQ(test::statuses(results), "fail");
  const Result& r = results.front();
  ASSERT_TRUE(r.location.has_value());
  EXPECT_EQ(r.location->file, "ci/publish.sh");
  EXPECT_EQ(r.location->line, 2);
  EXPECT_TRUE(r.location->commit.empty());
  EXPECT_EQ(r.evidence, "ghp_…(40)");
  EXPECT_EQ(r.message.find(token), std::string::npos);
  EXPECT_FALSE(r.fingerprint.empty());
  // Only its own rule: the generic detector does not report the same token again.
  EXPECT_EQ(test::statuses(run_rule("SEC013", m_dir.path())), "pass");
}

TEST_F(SecretFindingsTest, FailsWhenASecretLivesOnlyInHistory) {
  const std::string key = test::aws_key_id(22);
  m_dir.write("config.ini", "[aws]\naws_access_key_id = " + key + "\n");
  test::git_commit_all(m_dir.path(), "add config");
  m_dir.write("config.ini", "[aws]\naws_access_key_id = ${AWS_ACCESS_KEY_ID}\n");
  test::git(m_dir.path(), "commit -qam 'read the key from the environment'");
  const auto results = run_rule("SEC001", m_dir.path());
  ASSERT_EQ(test::statuses(results), "fail");
  const Result& r = results.front();
  ASSERT_TRUE(r.location.has_value());
  EXPECT_EQ(r.location->file, "config.ini");
  EXPECT_EQ(r.location->line, 2);
  EXPECT_EQ(r.location->commit.size(), 40U);
  EXPECT_NE(r.message.find(" introduced in "), std::string::npos) << r.message;
}

TEST_F(SecretFindingsTest, FailsWhenEachRuleHasAPlantedSecretInTheCorpus) {
  std::string output;
  const auto corpus = m_dir.path() / "repo";
  const auto labels_file = m_dir.path() / "labels.json";
  ASSERT_EQ(test::run_command(
                fmt::format("/usr/bin/python3 '{}' 5 '{}' --labels '{}' --secrets-out '{}'",
                            (test::source_dir() / "tests/secrets/generate_corpus.py").string(),
                            corpus.string(), labels_file.string(),
                            (m_dir.path() / "secrets.txt").string()),
                output),
            0)
      << output;
  std::ifstream in(labels_file);
  const auto labels = nlohmann::json::parse(in);
  std::map<std::string, std::set<std::pair<std::string, int>>> planted;  // rule -> file:line
  for (const auto& label : labels["planted"]) {
    for (int line = label["line"].get<int>();
         line <= label.value("end_line", label["line"].get<int>()); ++line) {
      planted[label["rule"]].emplace(label["file"], line);
    }
  }
  for (const auto& rule : secrets::secret_rules()) {
    const auto results = run_rule(rule.id, corpus);
    ASSERT_FALSE(results.empty());
    EXPECT_EQ(results.front().status, Status::fail) << rule.id;
    for (const auto& r : results) {
      ASSERT_TRUE(r.location.has_value()) << rule.id;
      EXPECT_EQ(planted[rule.id].count({r.location->file, r.location->line}), 1U)
          << rule.id << " reported " << r.location->file << ":" << r.location->line << " where no "
          << rule.id << " secret was planted";
    }
  }
}

}  // namespace
}  // namespace shipcheck::checks
