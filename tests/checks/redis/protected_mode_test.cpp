#include "checks/redis/protected_mode.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisOptions;
using test::RedisServer;

// A bind list that names an address other hosts would reach, while the server really
// listens on loopback only: '-' lets Redis skip an address no interface has, and
// 203.0.113.0/24 (TEST-NET-3) is never assigned. CONFIG GET bind still reports it.
const std::vector<std::string> k_bind_beyond_loopback = {"--bind", "127.0.0.1", "-203.0.113.77"};

RedisOptions beyond_loopback(const std::string& protected_mode) {
  RedisOptions options;
  options.extra = k_bind_beyond_loopback;
  options.extra.insert(options.extra.end(), {"--protected-mode", protected_mode});
  return options;
}

TEST(RedisProtectedModeTest, FailsWhenItListensBeyondLoopbackWithoutPasswordOrProtectedMode) {
  const RedisServer server(beyond_loopback("no"));
  const auto results = test::run_on(RedisProtectedMode(), server);
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_EQ(results[0].message,
            "Redis listens on 203.0.113.77 with protected-mode no and no password: anyone who "
            "reaches the port can use it");
  EXPECT_EQ(results[0].evidence,
            "bind \"127.0.0.1 -203.0.113.77\", protected-mode no, PING without AUTH: PONG");
}

TEST(RedisProtectedModeTest, PassesWithAPasswordWhereverItListens) {
  RedisOptions options = beyond_loopback("no");
  options.password = "protected-mode-secret-77";
  const RedisServer server(options);
  const auto results = test::run_on(RedisProtectedMode(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "Redis requires a password, wherever it listens");
}

TEST(RedisProtectedModeTest, PassesWithProtectedModeOnAndNoPassword) {
  const RedisServer server(beyond_loopback("yes"));
  const auto results = test::run_on(RedisProtectedMode(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("protected mode refuses clients from other hosts"),
            std::string::npos);
}

TEST(RedisProtectedModeTest, PassesWithLoopbackOnlyEvenWithoutProtectedMode) {
  RedisOptions options;
  options.extra = {"--protected-mode", "no"};  // the fixture binds 127.0.0.1
  const RedisServer server(options);
  const auto results = test::run_on(RedisProtectedMode(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "Redis requires no password but listens on loopback only");
}

TEST(RedisProtectedModeTest, ErrorsWhenConfigIsRenamedAwayAndNoPasswordIsSet) {
  RedisOptions options;
  options.extra = {"--rename-command", "CONFIG", ""};
  const RedisServer server(options);
  const auto results = test::run_on(RedisProtectedMode(), server);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("cannot tell whether it listens beyond loopback"),
            std::string::npos)
      << results[0].message;
}

TEST(RedisProtectedModeTest, ReadsEveryWildcardAndDropsLoopback) {
  using redis_bind::reachable_addresses;
  EXPECT_EQ(reachable_addresses(""), std::vector<std::string>{"*"});
  EXPECT_EQ(reachable_addresses("* -::*"), (std::vector<std::string>{"*", "::*"}));
  EXPECT_EQ(reachable_addresses("0.0.0.0"), std::vector<std::string>{"0.0.0.0"});
  EXPECT_EQ(reachable_addresses("::"), std::vector<std::string>{"::"});
  EXPECT_EQ(reachable_addresses("127.0.0.1 -::1"), std::vector<std::string>{});
  EXPECT_EQ(reachable_addresses("localhost 10.0.0.5"), std::vector<std::string>{"10.0.0.5"});
  for (const char* wildcard : {"*", "0.0.0.0", "::", "::*"}) {
    EXPECT_TRUE(redis_bind::is_wildcard(wildcard)) << wildcard;
  }
  EXPECT_FALSE(redis_bind::is_wildcard("10.0.0.5"));
}

}  // namespace
}  // namespace shipcheck::checks
