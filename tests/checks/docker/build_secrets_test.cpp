// DKR006: no literal secrets in ENV, ARG or LABEL; evidence redacted.
#include "checks/docker/build_secrets.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "checks/env/env_fixture.h"
#include "support/secret_samples.h"

namespace shipcheck::test {
namespace {

TEST(DkrBuildSecrets, FailsWhenEnvHoldsARandomSecret) {
  const std::string secret = random_alnum(40, 7);
  const auto results =
      check(checks::DkrBuildSecrets(),
            "FROM python:3.12-slim\nENV APP_ENV=production \\\n    SECRET_KEY=" + secret + "\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR006");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message, "ENV SECRET_KEY holds a literal secret");
  EXPECT_EQ(results[0].location->line, 2);
  EXPECT_EQ(results[0].evidence, "SECRET_KEY=" + secret.substr(0, 4) + "…(40)");
  expect_no_leak(results, secret);
}

TEST(DkrBuildSecrets, FailsWhenArgOrLabelHoldsAProviderToken) {
  const std::string token = github_token("ghp", 3);
  const std::string key = aws_key_id(5);
  const auto results =
      check(checks::DkrBuildSecrets(), "ARG GH_TOKEN=" + token +
                                           "\nFROM alpine:3.19\nLABEL \"com.example.deploy\"=\"" +
                                           key + "\"\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "ARG GH_TOKEN holds a literal secret");
  EXPECT_EQ(results[0].location->line, 1);
  EXPECT_EQ(results[1].message, "LABEL com.example.deploy holds a literal secret");
  EXPECT_EQ(results[1].location->line, 3);
  expect_no_leak(results, token);
  expect_no_leak(results, key);
}

TEST(DkrBuildSecrets, FingerprintSurvivesAValueChange) {
  const auto a =
      check(checks::DkrBuildSecrets(), "FROM a:1\nENV API_TOKEN=" + random_alnum(32, 1) + "\n");
  const auto b = check(checks::DkrBuildSecrets(),
                       "FROM a:1\nRUN true\nENV API_TOKEN=" + random_alnum(32, 2) + "\n");
  ASSERT_EQ(statuses(a), "fail");
  ASSERT_EQ(statuses(b), "fail");
  EXPECT_EQ(a[0].fingerprint, b[0].fingerprint);
}

TEST(DkrBuildSecrets, PassesWithReferencesPlaceholdersAndArgsWithoutDefault) {
  const auto results = check(checks::DkrBuildSecrets(),
                             "FROM python:3.12-slim\n"
                             "ARG NPM_TOKEN\n"
                             "ENV DATABASE_URL=${DATABASE_URL} SECRET_KEY=changeme\n"
                             "ENV PASSWORD_FILE=/run/secrets/db_password\n"
                             "LABEL org.opencontainers.image.source=https://github.com/x/y\n"
                             "ENV LOG_LEVEL=INFO\n");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Dockerfile: no ENV, ARG or LABEL holds a literal secret");
}

}  // namespace
}  // namespace shipcheck::test
