#include "checks/redis/auth_required.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisOptions;
using test::RedisServer;

TEST(RedisAuthRequiredTest, FailsWhenNoPasswordIsSet) {
  const RedisServer server;
  const auto results = test::run_on(RedisAuthRequired(), server);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].evidence, "PING without AUTH: PONG");
}

TEST(RedisAuthRequiredTest, PassesWithRequirepass) {
  RedisOptions options;
  options.password = "requirepass-secret-123";
  const RedisServer server(options);
  const auto results = test::run_on(RedisAuthRequired(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("NOAUTH"), std::string::npos);
}

TEST(RedisAuthRequiredTest, PassesWithAnAclUserAndTheDefaultUserOff) {
  RedisOptions options;
  options.acl_user = "worker";
  options.acl_password = "acl-secret-456789";
  const RedisServer server(options);
  EXPECT_EQ(test::statuses(test::run_on(RedisAuthRequired(), server)), "pass");
}

TEST(RedisAuthRequiredTest, FailsWhenTheDefaultUserStillNeedsNoPassword) {
  // The URL's ACL user has a password, but `default` is still on without one.
  RedisOptions options;
  options.acl_user = "worker";
  options.acl_password = "acl-secret-456789";
  options.default_user_open = true;
  const RedisServer server(options);
  EXPECT_EQ(test::statuses(test::run_on(RedisAuthRequired(), server)), "fail");
}

}  // namespace
}  // namespace shipcheck::checks
