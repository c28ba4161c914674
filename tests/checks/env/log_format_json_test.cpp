// ENV007: logs are JSON.
#include "checks/env/log_format_json.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(LogFormatJson, FailsWhenFormatIsText) {
  EnvProject project("LOG_FORMAT=text\n");
  const auto results = project.run(checks::LogFormatJson());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "logs are not JSON: LOG_FORMAT=text");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(LogFormatJson, FailsWhenJsonLogsIsFalse) {
  EnvProject project("JSON_LOGS=false\n");
  EXPECT_EQ(statuses(project.run(checks::LogFormatJson())), "fail");
}

TEST(LogFormatJson, PassesWithLogFormatJson) {
  for (const char* value : {"json", "JSON", "jsonl"}) {
    EnvProject project(std::string("LOG_FORMAT=") + value + "\n");
    EXPECT_EQ(statuses(project.run(checks::LogFormatJson())), "pass") << value;
  }
}

TEST(LogFormatJson, PassesWithJsonLogsTrue) {
  EnvProject project("JSON_LOGS=true\n");
  const auto results = project.run(checks::LogFormatJson());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "JSON_LOGS=true in .env.production");
}

TEST(LogFormatJson, PassesWhenAnyVariableSaysJson) {
  EnvProject project("LOG_FORMAT=console\nLOG_JSON=1\n");
  EXPECT_EQ(statuses(project.run(checks::LogFormatJson())), "pass");
}

TEST(LogFormatJson, WarnsWhenUnset) {
  EnvProject project("LOG_LEVEL=INFO\n");
  EXPECT_EQ(statuses(project.run(checks::LogFormatJson())), "warn");
}

TEST(LogFormatJson, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::LogFormatJson(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
