#include "checks/redis/eviction_policy.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisOptions;
using test::RedisServer;

std::vector<Result> evaluate(const std::string& maxmemory, const std::string& policy,
                             const std::string& use) {
  RedisOptions options;
  options.maxmemory = maxmemory;
  options.policy = policy;
  const RedisServer server(options);
  RedisConfig settings;
  settings.use = use;
  return test::run_on(RedisEvictionPolicy(), server, settings);
}

TEST(RedisEvictionPolicyTest, FailsWhenMaxmemoryIsNotSet) {
  const auto results = evaluate("", "allkeys-lru", "cache");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("maxmemory is not set"), std::string::npos);
}

TEST(RedisEvictionPolicyTest, FailsWhenACacheDoesNotEvict) {
  const auto results = evaluate("64mb", "noeviction", "cache");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("noeviction"), std::string::npos);
}

TEST(RedisEvictionPolicyTest, FailsWhenAQueueEvicts) {
  const auto results = evaluate("64mb", "allkeys-lru", "queue");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("a queue must not lose any"), std::string::npos);
}

TEST(RedisEvictionPolicyTest, PassesWithAnLruCache) {
  const auto results = evaluate("64mb", "allkeys-lru", "cache");
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "maxmemory 64.0 MiB with policy allkeys-lru (use: cache)");
}

TEST(RedisEvictionPolicyTest, PassesWithATokenBlacklistThatNeverEvicts) {
  EXPECT_EQ(test::statuses(evaluate("64mb", "noeviction", "token_blacklist")), "pass");
}

}  // namespace
}  // namespace shipcheck::checks
