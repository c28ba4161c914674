// ENV001: required variables are set and non-empty.
#include "checks/env/required_vars.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(RequiredVars, FailsWhenConfigRequiredVarIsMissing) {
  EnvProject project("DEBUG=false\n");
  project.config().file = project.dir().path() / "shipcheck.yaml";
  project.config().env.required = {"DATABASE_URL"};
  const auto results = project.run(checks::RequiredVars());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "ENV001");
  EXPECT_NE(results[0].message.find("DATABASE_URL is not set in .env.production"),
            std::string::npos);
  EXPECT_EQ(results[0].target, ".env.production");
  ASSERT_TRUE(results[0].location.has_value());
  EXPECT_EQ(results[0].location->file, "shipcheck.yaml");
}

TEST(RequiredVars, FailsWhenCodeReadsVariableWithoutDefault) {
  EnvProject project("DEBUG=false\n");
  project.dir().write("app/config.py", "import os\n\nSECRET = os.environ['SECRET_KEY']\n");
  const auto results = project.run(checks::RequiredVars());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("SECRET_KEY"), std::string::npos);
  EXPECT_NE(results[0].message.find("app/config.py:3"), std::string::npos);
  ASSERT_TRUE(results[0].location.has_value());
  EXPECT_EQ(results[0].location->file, "app/config.py");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(RequiredVars, FailsWhenRequiredVariableIsEmpty) {
  EnvProject project("SECRET_KEY=\n");
  project.config().env.required = {"SECRET_KEY"};
  const auto results = project.run(checks::RequiredVars());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("SECRET_KEY is empty"), std::string::npos);
}

TEST(RequiredVars, FailsOncePerMissingVariable) {
  EnvProject project("A=1\n");
  project.config().env.required = {"A", "B", "C"};
  EXPECT_EQ(statuses(project.run(checks::RequiredVars())), "fail,fail");
}

TEST(RequiredVars, PassesWithEveryRequiredVariableSet) {
  EnvProject project("DATABASE_URL=postgresql://db/app\nSECRET_KEY=s3cr3t\n");
  project.config().env.required = {"DATABASE_URL"};
  project.dir().write("app/config.py", "import os\nSECRET = os.environ['SECRET_KEY']\n");
  const auto results = project.run(checks::RequiredVars());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("all 2 required variables"), std::string::npos);
}

TEST(RequiredVars, PassesWithPydanticDefaultsAndDemandsFieldsWithout) {
  EnvProject project("DATABASE_URL=postgresql://db/app\n");
  project.dir().write("app/settings.py",
                      "from pydantic_settings import BaseSettings\n"
                      "class Settings(BaseSettings):\n"
                      "    database_url: str\n"
                      "    debug: bool = False\n");
  EXPECT_EQ(statuses(project.run(checks::RequiredVars())), "pass");
}

TEST(RequiredVars, MatchesNamesIgnoringCase) {
  EnvProject project("database_url=postgresql://db/app\n");
  project.config().env.required = {"DATABASE_URL"};
  EXPECT_EQ(statuses(project.run(checks::RequiredVars())), "pass");
}

TEST(RequiredVars, OptionalAndPlatformVariablesAreNotDemanded) {
  EnvProject project("A=1\n");
  project.config().env.optional = {"SENTRY_DSN"};
  project.dir().write("server.js",
                      "const dsn = process.env.SENTRY_DSN;\nconst port = process.env.PORT;\n");
  const auto results = project.run(checks::RequiredVars());
  EXPECT_EQ(statuses(results), "skip");
}

TEST(RequiredVars, CodeScanCanBeSwitchedOff) {
  EnvProject project("A=1\n");
  project.config().env.scan_code = false;
  project.dir().write("app.py", "import os\nos.environ['NEEDED']\n");
  EXPECT_EQ(statuses(project.run(checks::RequiredVars())), "skip");
}

TEST(RequiredVars, SkipsWithoutEnvFile) {
  TempDir dir;
  const auto results = run_check(checks::RequiredVars(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_NE(results[0].message.find("no env file"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::test
