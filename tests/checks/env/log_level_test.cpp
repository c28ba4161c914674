// ENV006: the log level is INFO, WARNING or ERROR.
#include "checks/env/log_level.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(LogLevel, FailsWhenLevelIsDebug) {
  EnvProject project("LOG_LEVEL=debug\n");
  const auto results = project.run(checks::LogLevel());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "LOG_LEVEL is DEBUG: debug logging in production");
  EXPECT_EQ(results[0].evidence, "LOG_LEVEL=DEBUG");
}

TEST(LogLevel, FailsWhenLevelIsUnknown) {
  EnvProject project("LOGLEVEL=chatty\n");
  const auto results = project.run(checks::LogLevel());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("not INFO, WARNING or ERROR"), std::string::npos);
}

TEST(LogLevel, PassesWithInfoWarningOrError) {
  for (const char* level : {"INFO", "info", "WARNING", "Warn", "ERROR", "30"}) {
    EnvProject project(std::string("LOG_LEVEL=") + level + "\n");
    EXPECT_EQ(statuses(project.run(checks::LogLevel())), "pass") << level;
  }
}

TEST(LogLevel, PassesWithAnAlias) {
  EnvProject project("LOGGING_LEVEL=WARNING\n");
  EXPECT_EQ(statuses(project.run(checks::LogLevel())), "pass");
}

TEST(LogLevel, WarnsWhenUnset) {
  EnvProject project("DEBUG=false\n");
  const auto results = project.run(checks::LogLevel());
  ASSERT_EQ(statuses(results), "warn");
  EXPECT_NE(results[0].message.find("LOG_LEVEL is not set"), std::string::npos);
}

TEST(LogLevel, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::LogLevel(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
