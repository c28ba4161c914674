#include "checks/redis/reachable.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"
#include "support/nginx.h"
#include "support/socket_server.h"

namespace shipcheck::checks {
namespace {

using test::RedisOptions;
using test::RedisServer;

std::vector<Result> reach(const std::string& url, const std::string& timeout = "5s") {
  const test::TempDir dir;
  RedisConfig settings;
  settings.timeout = timeout;
  return test::run_check(RedisReachable(), test::redis_config(dir, url, settings));
}

TEST(RedisReachableTest, PassesWithARunningServerAndShowsItsVersion) {
  const RedisServer server;
  const auto results = test::run_on(RedisReachable(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("Redis 7"), std::string::npos) << results[0].message;
  EXPECT_EQ(results[0].target, fmt::format("redis://127.0.0.1:{}/0", server.port()));
}

TEST(RedisReachableTest, PassesWithAnAclUserAndADatabase) {
  RedisOptions options;
  options.acl_user = "app";
  options.acl_password = "acl-user-password-123";
  const RedisServer server(options);
  const auto results = reach(server.url(3));
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].target, fmt::format("redis://127.0.0.1:{}/3", server.port()));
}

TEST(RedisReachableTest, FailsWhenTheConnectionIsRefused) {
  const int port = test::free_port();  // nothing listens there
  const auto results = reach(fmt::format("redis://127.0.0.1:{}/0", port));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("refused"), std::string::npos) << results[0].message;
}

TEST(RedisReachableTest, FailsWhenThePasswordIsWrongWithoutShowingIt) {
  RedisOptions options;
  options.password = "the-right-password-42";
  const RedisServer server(options);
  const std::string wrong = "a-wrong-password-77";
  const auto results = reach(fmt::format("redis://:{}@127.0.0.1:{}/0", wrong, server.port()));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("auth failed"), std::string::npos) << results[0].message;
  for (const auto& text : {results[0].message, results[0].evidence, results[0].target}) {
    EXPECT_EQ(text.find(wrong), std::string::npos) << text;
    EXPECT_EQ(text.find("the-right-password-42"), std::string::npos) << text;
  }
}

TEST(RedisReachableTest, FailsWhenTheUrlLacksThePasswordTheServerWants) {
  RedisOptions options;
  options.password = "the-right-password-42";
  const RedisServer server(options);
  const auto results = reach(fmt::format("redis://127.0.0.1:{}/0", server.port()));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("NOAUTH"), std::string::npos) << results[0].message;
}

TEST(RedisReachableTest, FailsWithATimeoutWhenTheServerNeverAnswers) {
  const test::SilentPort silent;
  const auto results = reach(fmt::format("redis://127.0.0.1:{}/0", silent.port()), "300ms");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("timeout"), std::string::npos) << results[0].message;
  EXPECT_NE(results[0].message.find("300ms"), std::string::npos) << results[0].message;
}

TEST(RedisReachableTest, ErrorsForAUrlThatIsNotRedisWithoutQuotingIt) {
  const auto results = reach("http://user:not-shown-secret@127.0.0.1:1/");
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_EQ(results[0].message.find("not-shown-secret"), std::string::npos) << results[0].message;
}

TEST(RedisReachableTest, ErrorsForRedissWhichThisHiredisCannotSpeak) {
  const auto results = reach("rediss://127.0.0.1:6380/0");
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("TLS"), std::string::npos) << results[0].message;
}

TEST(RedisReachableTest, SkipsWithoutTheUrlVariable) {
  const test::TempDir dir;
  Config config = test::config_for(dir.path());
  config.dependencies.redis = RedisConfig{};
  config.dependencies.redis->url_env = "SHIPCHECK_TEST_UNSET_REDIS_URL";
  const auto results = test::run_check(RedisReachable(), config);
  ASSERT_EQ(test::statuses(results), "skip");
  EXPECT_NE(results[0].message.find("SHIPCHECK_TEST_UNSET_REDIS_URL"), std::string::npos);
}

TEST(RedisReachableTest, SkipsWithoutARedisSection) {
  const test::TempDir dir;
  EXPECT_EQ(test::statuses(test::run_check(RedisReachable(), test::config_for(dir.path()))),
            "skip");
}

}  // namespace
}  // namespace shipcheck::checks
