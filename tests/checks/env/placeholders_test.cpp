// ENV002: no placeholder values.
#include "checks/env/placeholders.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(Placeholders, FailsWhenValuesAreSeedPlaceholders) {
  EnvProject project(
      "SECRET_KEY=<generate-with-scripts/generate_secrets.py>\n"
      "SUPABASE_URL=https://xxx.supabase.co\n"
      "OPENAI_API_KEY=sk-...\n"
      "LOG_LEVEL=INFO\n"
      "API_KEY=changeme\n");
  const auto results = project.run(checks::Placeholders());
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail");
  EXPECT_NE(results[0].message.find("SECRET_KEY looks like a placeholder (angle brackets)"),
            std::string::npos);
  ASSERT_TRUE(results[1].location.has_value());
  EXPECT_EQ(results[1].location->file, ".env.production");
  EXPECT_EQ(results[1].location->line, 2);
  EXPECT_EQ(results[1].evidence, "SUPABASE_URL=https://xxx.supabase.co");
  EXPECT_EQ(results[3].target, ".env.production");
}

TEST(Placeholders, FailsOncePerVariableEvenWhenRepeated) {
  EnvProject project("TOKEN=your-token-here\nTOKEN=todo\n");
  const auto results = project.run(checks::Placeholders());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 2);  // the assignment that wins
}

TEST(Placeholders, PassesWithRealValues) {
  EnvProject project(
      "SECRET_KEY=Tz4pQ_ebSdR0w3Ua-x2nJv7LkYc9HgFm1aB\n"
      "DATABASE_URL=postgresql://app@db/app?sslmode=require\n"
      "ENVIRONMENT=production\n"
      "EMPTY=\n");
  const auto results = project.run(checks::Placeholders());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("4 variables"), std::string::npos);
}

TEST(Placeholders, NeverShowsSecretValues) {
  const std::string planted = "placeholder-Zr8Lq2Vw9Xk3Pm7Nt4Bc6";
  EnvProject project("JWT_SECRET_KEY=" + planted + "\nBROKER_URL=amqp://u:" + planted + "@mq/\n");
  const auto results = project.run(checks::Placeholders());
  ASSERT_EQ(statuses(results), "fail,fail");
  expect_no_leak(results, planted);
}

TEST(Placeholders, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::Placeholders(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
