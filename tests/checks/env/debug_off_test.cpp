// ENV004: debug mode is off.
#include "checks/env/debug_off.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DebugOff, FailsWhenDebugIsTrue) {
  EnvProject project("ENVIRONMENT=production\nDEBUG=True\n");
  const auto results = project.run(checks::DebugOff());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "DEBUG is on");
  EXPECT_EQ(results[0].rule, "ENV004");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].location->line, 2);
  EXPECT_NE(results[0].evidence.find("DEBUG=True"), std::string::npos);
}

TEST(DebugOff, FailsWhenAnAliasIsOn) {
  EnvProject project("DEBUG=false\nFLASK_DEBUG=1\n");
  const auto results = project.run(checks::DebugOff());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "FLASK_DEBUG is on");
}

TEST(DebugOff, FailsWhenValueIsNotClearlyOff) {
  EnvProject project("DJANGO_DEBUG=sometimes\n");
  EXPECT_EQ(statuses(project.run(checks::DebugOff())), "fail");
}

TEST(DebugOff, PassesWithDebugFalse) {
  for (const char* off : {"False", "false", "0", "no", "OFF"}) {
    EnvProject project(std::string("DEBUG=") + off + "\n");
    const auto results = project.run(checks::DebugOff());
    ASSERT_EQ(statuses(results), "pass") << off;
    EXPECT_EQ(results[0].message, std::string("DEBUG=") + off + " in .env.production");
  }
}

TEST(DebugOff, PassesWhenUnset) {
  EnvProject project("LOG_LEVEL=INFO\n");
  const auto results = project.run(checks::DebugOff());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("default to off"), std::string::npos);
}

TEST(DebugOff, LowerCaseKeyCounts) {
  EnvProject project("debug=true\n");
  EXPECT_EQ(statuses(project.run(checks::DebugOff())), "fail");
}

TEST(DebugOff, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::DebugOff(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
