// ENV013: the example env file documents every variable.
#include "checks/env/env_example.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(EnvExample, FailsWhenExampleFileIsMissing) {
  EnvProject project("DEBUG=false\n");
  const auto results = project.run(checks::EnvExample());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no example env file: .env.example does not exist");
}

TEST(EnvExample, FailsWhenConfiguredExampleIsMissing) {
  EnvProject project("DEBUG=false\n");
  project.dir().write(".env.example", "DEBUG=false\n");
  project.config().env.example_file = "config/env.sample";
  const auto results = project.run(checks::EnvExample());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("config/env.sample"), std::string::npos);
}

TEST(EnvExample, FailsOncePerUndocumentedVariable) {
  EnvProject project("DEBUG=false\nSECRET_KEY=abc\nLOG_LEVEL=INFO\n");
  project.dir().write(".env.example", "DEBUG=false\n");
  project.dir().write("app/main.py", "import os\nKEY = os.environ['OPENAI_API_KEY']\n");
  const auto results = project.run(checks::EnvExample());
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  EXPECT_EQ(results[0].message, "SECRET_KEY is not documented in .env.example");
  EXPECT_EQ(results[0].evidence, "set at .env.production:2");
  EXPECT_EQ(results[2].message, "OPENAI_API_KEY is not documented in .env.example");
  EXPECT_EQ(results[2].evidence, "read at app/main.py:2");
  EXPECT_EQ(results[2].target, ".env.example");
  EXPECT_EQ(results[2].location->file, ".env.example");
}

TEST(EnvExample, PassesWithEveryVariableDocumented) {
  EnvProject project("DEBUG=false\nSECRET_KEY=abc\nSENTRY_DSN=x\n");
  project.dir().write(".env.production.example",
                      "# Settings\nDEBUG=false\nexport SECRET_KEY=<generate>\n# SENTRY_DSN=\n"
                      "OPENAI_API_KEY=sk-...\n");
  project.dir().write("app/main.py", "import os\nKEY = os.environ['OPENAI_API_KEY']\n");
  const auto results = project.run(checks::EnvExample());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            ".env.production.example documents all 4 variables of .env.production and the code");
}

TEST(EnvExample, FindsExampleBesideTheEnvFile) {
  EnvProject project("DEBUG=false\n", "backend/.env.production");
  project.dir().write("backend/.env.example", "debug=\n");
  const auto results = project.run(checks::EnvExample());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].target, "backend/.env.example");
}

TEST(EnvExample, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::EnvExample(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
