#include "checks/redis/dangerous_commands.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisOptions;
using test::RedisServer;

RedisConfig dangerous(std::vector<std::string> commands) {
  RedisConfig settings;
  settings.dangerous_commands = std::move(commands);
  return settings;
}

TEST(RedisDangerousCommandsTest, FailsWhenTheUserMayStillRunThemAndNeverRunsThem) {
  RedisOptions options;
  options.extra = {"--enable-debug-command", "yes"};
  const RedisServer server(options);
  server.cli("SET kept 1");
  const auto results = test::run_on(RedisDangerousCommands(), server,
                                    dangerous({"FLUSHALL", "KEYS", "CONFIG SET", "DEBUG"}));
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_EQ(results[0].message, "user default may still run FLUSHALL, KEYS, CONFIG SET, DEBUG");
  // Asked about, never sent: the key is there and the server counted no such call.
  EXPECT_EQ(server.cli("EXISTS kept"), "1\n");
  const std::string stats = server.cli("INFO commandstats");
  for (const char* command :
       {"cmdstat_flushall:", "cmdstat_keys:", "cmdstat_config|set:", "cmdstat_debug:"}) {
    EXPECT_EQ(stats.find(command), std::string::npos) << stats;
  }
}

TEST(RedisDangerousCommandsTest, PassesWithRenamedAndDeniedCommands) {
  RedisOptions options;
  options.acl_user = "svc";
  options.acl_password = "dangerous-secret-4242";
  options.acl_user_rules = {"-flushdb", "-keys", "-config|set"};
  options.extra = {"--rename-command", "FLUSHALL", ""};  // DEBUG: enable-debug-command no
  const RedisServer server(options);
  const auto results =
      test::run_on(RedisDangerousCommands(), server,
                   dangerous({"FLUSHALL", "FLUSHDB", "KEYS", "CONFIG SET", "DEBUG"}));
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message,
            "FLUSHALL, FLUSHDB, KEYS, CONFIG SET, DEBUG renamed or denied to user svc");
  EXPECT_EQ(results[0].evidence,
            "user svc; restricted: FLUSHALL (renamed), FLUSHDB (denied), KEYS (denied), CONFIG "
            "SET (denied), DEBUG (enable-debug-command no)");
}

TEST(RedisDangerousCommandsTest, FailsWhenABareContainerCommandKeepsADangerousSubcommand) {
  RedisOptions options;
  options.acl_user = "svc";
  options.acl_password = "dangerous-secret-4242";
  options.acl_user_rules = {"-config|set", "-config|rewrite", "-config|resetstat"};
  const RedisServer server(options);
  const auto results = test::run_on(RedisDangerousCommands(), server, dangerous({"CONFIG"}));
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_EQ(results[0].message, "user svc may still run CONFIG GET");
}

TEST(RedisDangerousCommandsTest, ErrorsWhenTheUserMayNotRunAclDryrun) {
  RedisOptions options;
  options.acl_user = "svc";
  options.acl_password = "dangerous-secret-4242";
  options.acl_user_rules = {"-acl"};
  const RedisServer server(options);
  const auto results = test::run_on(RedisDangerousCommands(), server, dangerous({"FLUSHDB"}));
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("grant it +acl|dryrun"), std::string::npos)
      << results[0].message;
}

TEST(RedisDangerousCommandsTest, SkipsWhenNotConfigured) {
  const RedisServer server;
  EXPECT_EQ(test::statuses(test::run_on(RedisDangerousCommands(), server)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
