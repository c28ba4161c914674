// ENV010: JWT access tokens expire within the limit.
#include "checks/env/jwt_expiry.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(JwtExpiry, FailsWhenLifetimeExceedsLimit) {
  EnvProject project("ACCESS_TOKEN_EXPIRE_MINUTES=10080\n");
  const auto results = project.run(checks::JwtExpiry());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "ACCESS_TOKEN_EXPIRE_MINUTES is 7 d, above the 24 h limit (env.jwt_max_minutes=1440)");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(JwtExpiry, FailsWhenNotPositiveOrNotANumber) {
  EnvProject project(
      "JWT_EXPIRATION_HOURS=0\nJWT_EXPIRES_IN=forever\nJWT_ACCESS_TOKEN_EXPIRES=false\n");
  const auto results = project.run(checks::JwtExpiry());
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  // Results follow the alias table's order, not the file's.
  EXPECT_NE(results[0].message.find("not positive"), std::string::npos);
  EXPECT_NE(results[2].message.find("not a duration"), std::string::npos);
  EXPECT_NE(results[1].message.find("never expire"), std::string::npos);
}

TEST(JwtExpiry, PassesWithTwentyFourHours) {
  EnvProject project("JWT_EXPIRATION_HOURS=24\n");
  const auto results = project.run(checks::JwtExpiry());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("JWT_EXPIRATION_HOURS=24 (24 h)"), std::string::npos);
}

TEST(JwtExpiry, ReadsUnitsFromNameAndValue) {
  for (const char* line :
       {"JWT_EXPIRES_IN=15m", "JWT_EXPIRES_IN=24h", "JWT_EXPIRES_IN=3600", "JWT_EXPIRES_IN=2 hours",
        "JWT_ACCESS_TOKEN_EXPIRES=900", "JWT_EXPIRATION_MINUTES=30"}) {
    EnvProject project(std::string(line) + "\n");
    EXPECT_EQ(statuses(project.run(checks::JwtExpiry())), "pass") << line;
  }
  EnvProject week("JWT_EXPIRES_IN=7d\n");
  EXPECT_EQ(statuses(week.run(checks::JwtExpiry())), "fail");
}

TEST(JwtExpiry, HonoursConfiguredLimit) {
  EnvProject project("ACCESS_TOKEN_EXPIRE_MINUTES=30\n");
  project.config().env.jwt_max_minutes = 15;
  EXPECT_EQ(statuses(project.run(checks::JwtExpiry())), "fail");
}

TEST(JwtExpiry, RefreshTokenLifetimeIsNotJudged) {
  EnvProject project("REFRESH_TOKEN_EXPIRE_DAYS=7\n");
  EXPECT_EQ(statuses(project.run(checks::JwtExpiry())), "skip");
}

}  // namespace
}  // namespace shipcheck::test
