// ENV003: secrets are long and random.
#include "checks/env/secret_strength.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

constexpr const char* k_strong = "Tz4pQ_ebSdR0w3Ua-x2nJv7LkYc9HgFm1aB";  // 35 chars, ~4.9 bits

TEST(SecretStrength, FailsWhenSecretIsShort) {
  EnvProject project("SECRET_KEY=test\n");
  const auto results = project.run(checks::SecretStrength());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("SECRET_KEY is weak: too short (4 < 32 characters)"),
            std::string::npos);
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(SecretStrength, FailsWhenLongSecretIsNotRandom) {
  EnvProject project("JWT_SECRET_KEY=aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbb\n");
  const auto results = project.run(checks::SecretStrength());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("not random enough"), std::string::npos);
  EXPECT_EQ(results[0].message.find("too short"), std::string::npos);
}

TEST(SecretStrength, PassesWithLongRandomSecrets) {
  EnvProject project(std::string("SECRET_KEY=") + k_strong + "\nBETTER_AUTH_SECRET=" +
                     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
  const auto results = project.run(checks::SecretStrength());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].evidence, "SECRET_KEY, BETTER_AUTH_SECRET");
}

TEST(SecretStrength, HonoursConfiguredThresholds) {
  EnvProject project("API_KEY=Zr8Lq2Vw9Xk3Pm7N\n");  // 16 random characters
  EXPECT_EQ(statuses(project.run(checks::SecretStrength())), "fail");
  project.config().env.secret_min_length = 16;
  EXPECT_EQ(statuses(project.run(checks::SecretStrength())), "pass");
}

TEST(SecretStrength, LeavesSettingsUrlsPlaceholdersAndEmptyValuesToOtherRules) {
  EnvProject project(
      "AWS_ACCESS_KEY_ID=AKIA1234\n"
      "ACCESS_TOKEN_EXPIRE_MINUTES=30\n"
      "STRIPE_PUBLIC_KEY=pk_1\n"
      "SECRET_KEY=<generate>\n"
      "DATABASE_PASSWORD=\n"
      "REDIS_TOKEN_URL=https://x.example.org\n"
      "API_KEY_AUTH=true\n");
  const auto results = project.run(checks::SecretStrength());
  ASSERT_EQ(statuses(results), "skip");
}

TEST(SecretStrength, NeverShowsTheSecret) {
  const std::string planted = "hunter2hunter2";
  EnvProject project("DB_PASSWORD=" + planted + "\n");
  const auto results = project.run(checks::SecretStrength());
  ASSERT_EQ(statuses(results), "fail");
  expect_no_leak(results, planted);
  EXPECT_NE(results[0].evidence.find("hunt…(14)"), std::string::npos);
  EXPECT_NE(results[0].evidence.find("length=14"), std::string::npos);
}

TEST(SecretStrength, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::SecretStrength(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
