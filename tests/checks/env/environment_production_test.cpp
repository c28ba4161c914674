// ENV005: the environment is production.
#include "checks/env/environment_production.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(EnvironmentProduction, FailsWhenEnvironmentIsStaging) {
  EnvProject project("ENVIRONMENT=staging\n");
  const auto results = project.run(checks::EnvironmentProduction());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "ENVIRONMENT is 'staging', not production");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(EnvironmentProduction, FailsWhenNothingIsSet) {
  EnvProject project("DEBUG=false\n");
  const auto results = project.run(checks::EnvironmentProduction());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message.rfind("ENVIRONMENT is not set", 0), 0U);
}

TEST(EnvironmentProduction, FailsWhenEmpty) {
  EnvProject project("ENVIRONMENT=\n");
  EXPECT_EQ(statuses(project.run(checks::EnvironmentProduction())), "fail");
}

TEST(EnvironmentProduction, PassesWithProductionInAnyCase) {
  for (const char* value : {"production", "PRODUCTION", "Prod"}) {
    EnvProject project(std::string("ENVIRONMENT=") + value + "\n");
    EXPECT_EQ(statuses(project.run(checks::EnvironmentProduction())), "pass") << value;
  }
}

TEST(EnvironmentProduction, PassesWithAnAlias) {
  EnvProject project("NODE_ENV=production\n");
  const auto results = project.run(checks::EnvironmentProduction());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "NODE_ENV=production in .env.production");
}

TEST(EnvironmentProduction, FirstPresentAliasDecides) {
  EnvProject project("NODE_ENV=production\nAPP_ENV=development\n");
  const auto results = project.run(checks::EnvironmentProduction());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("APP_ENV"), std::string::npos);
}

TEST(EnvironmentProduction, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::EnvironmentProduction(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
