// ENV011: rate limiting is enabled.
#include "checks/env/rate_limit.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(RateLimit, FailsWhenNotConfigured) {
  EnvProject project("DEBUG=false\n");
  const auto results = project.run(checks::RateLimit());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message.rfind("rate limiting is not configured", 0), 0U);
}

TEST(RateLimit, FailsWhenDisabled) {
  EnvProject project("RATE_LIMIT_ENABLED=false\nRATE_LIMIT_PER_MINUTE=60\n");
  const auto results = project.run(checks::RateLimit());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "rate limiting is disabled (RATE_LIMIT_ENABLED=false)");
}

TEST(RateLimit, FailsWhenLimitIsNotPositive) {
  EnvProject project("RATE_LIMIT_PER_MINUTE=0\nRATE_LIMIT=lots\n");
  EXPECT_EQ(statuses(project.run(checks::RateLimit())), "fail,fail");
}

TEST(RateLimit, PassesWithEnabledAndPositiveLimit) {
  EnvProject project("RATE_LIMIT_ENABLED=true\nRATE_LIMIT_PER_MINUTE=60\n");
  const auto results = project.run(checks::RateLimit());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "rate limiting is on: RATE_LIMIT_ENABLED=true, RATE_LIMIT_PER_MINUTE=60");
}

TEST(RateLimit, PassesWithLimiterSyntaxAndLowerCaseKeys) {
  EnvProject project("rate_limit_enabled=true\nRATE_LIMIT=100/minute\n");
  EXPECT_EQ(statuses(project.run(checks::RateLimit())), "pass");
}

TEST(RateLimit, SkipsWithoutEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(checks::RateLimit(), config_for(dir.path()))), "skip");
}

}  // namespace
}  // namespace shipcheck::test
