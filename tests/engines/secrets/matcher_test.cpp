#include "engines/secrets/matcher.h"

#include <gtest/gtest.h>

#include "checks/secrets/secret_rules.h"
#include "support/secret_samples.h"

namespace shipcheck::secrets {
namespace {

class MatcherTest : public ::testing::Test {
 protected:
  // Compiling ~300 detectors takes a second: once per suite.
  static void SetUpTestSuite() {
    auto compiled = Matcher::compile(builtin_rules(), checks::secrets::cache_dir());
    ASSERT_TRUE(compiled) << (compiled ? std::string() : compiled.error());
    s_matcher = new Matcher(std::move(*compiled));
  }
  static void TearDownTestSuite() {
    delete s_matcher;
    s_matcher = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(s_matcher, nullptr);
    m_matcher = s_matcher;
    m_scratch = m_matcher->make_scratch();
  }
  std::vector<Finding> scan(const std::string& text, const std::string& path = "app.py") {
    return m_matcher->scan(text, path, *m_scratch);
  }
  static std::vector<std::string> ids(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
      out.push_back(f.detector->id);
    }
    return out;
  }
  static inline Matcher* s_matcher = nullptr;
  const Matcher* m_matcher = nullptr;
  Matcher::ScratchPtr m_scratch;
};

TEST_F(MatcherTest, FindsAGithubTokenWithItsLineAndColumn) {
  const std::string token = test::github_token("ghp", 11);
  const auto findings = scan("import os\n\nclient = Github(\"" + token + "\")\n");
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].detector->rule, "SEC002");
  EXPECT_EQ(findings[0].secret, token);
  EXPECT_EQ(findings[0].line, 3);
  EXPECT_EQ(findings[0].column, 18);
}

TEST_F(MatcherTest, IgnoresAGithubTokenWithABadChecksum) {
  std::string token = test::github_token("ghp", 11);
  token.back() = token.back() == 'A' ? 'B' : 'A';
  EXPECT_TRUE(scan("token = '" + token + "'\n").empty());
}

TEST_F(MatcherTest, AllowCommentOnTheLineDropsTheFinding) {
  const std::string token = test::github_token("ghp", 12);
  EXPECT_TRUE(scan("t = '" + token + "'  # shipcheck:allow\n").empty());
}

TEST_F(MatcherTest, FindsEveryOccurrenceOnALongLine) {
  const std::string a = test::aws_key_id(1);
  const std::string b = test::aws_key_id(2);
  const std::string line = "keys = ['" + a + "', " + std::string(3000, ' ') + "'" + b + "']\n";
  const auto findings = scan(line);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].secret, a);
  EXPECT_EQ(findings[1].secret, b);
}

TEST_F(MatcherTest, FindsAMultiLinePrivateKey) {
  std::string body;
  for (int i = 0; i < 10; ++i) {
    body += test::random_alnum(64, static_cast<std::uint32_t>(i)) + "\n";
  }
  const std::string kind = "RSA PRIVATE";
  const std::string pem =
      "-----BEGIN " + kind + " KEY-----\n" + body + "-----END " + kind + " KEY-----\n";
  const auto findings = scan("x = 1\nKEY = \"\"\"\n" + pem + "\"\"\"\n", "key.py");
  ASSERT_EQ(ids(findings), std::vector<std::string>{"private-key-rsa"});
  EXPECT_EQ(findings[0].line, 4);  // the key's first body line
}

TEST_F(MatcherTest, DecodesBase64AndReportsTheOuterLocation) {
  const std::string token = test::github_token("ghp", 13);
  const std::string encoded = test::base64("token=" + token);
  const auto findings = scan("a: 1\nblob: " + encoded + "\n", "c.yaml");
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].secret, token);
  EXPECT_EQ(findings[0].encoding, "base64");
  EXPECT_EQ(findings[0].line, 2);
  EXPECT_EQ(findings[0].column, 7);
}

TEST_F(MatcherTest, GenericAssignmentNeedsEntropyAndNoPlaceholder) {
  const std::string value = test::random_alnum(32, 14);
  EXPECT_EQ(ids(scan("DB_PASSWORD = \"" + value + "\"\n")),
            std::vector<std::string>{"generic-secret-python"});
  EXPECT_TRUE(scan("DB_PASSWORD = \"changeme-changeme\"\n").empty());
  EXPECT_TRUE(scan("DB_PASSWORD = os.environ[\"DB_PASSWORD\"]\n").empty());
  EXPECT_TRUE(scan("password = \"aaaaaaaaaaaaaaaaaaaa\"\n").empty());
}

TEST_F(MatcherTest, KubernetesSecretDataOnlyInSecretManifests) {
  const std::string value = test::base64(test::random_alnum(24, 15));
  const std::string manifest = "apiVersion: v1\nkind: Secret\ndata:\n  password: " + value + "\n";
  EXPECT_EQ(ids(scan(manifest, "k8s/secret.yaml")), std::vector<std::string>{"k8s-secret-data"});
  const std::string config_map = "apiVersion: v1\nkind: ConfigMap\ndata:\n  blob: " + value + "\n";
  EXPECT_TRUE(scan(config_map, "k8s/cm.yaml").empty());
}

TEST_F(MatcherTest, EmptyAndBinaryLikeInputsProduceNothing) {
  EXPECT_TRUE(scan("").empty());
  EXPECT_TRUE(scan(std::string(1000, '\0')).empty());
}

}  // namespace
}  // namespace shipcheck::secrets
