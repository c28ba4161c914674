#include "checks/redis/memory_share.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisOptions;
using test::RedisServer;

std::vector<Result> share_of(const std::string& maxmemory, double bound) {
  RedisOptions options;
  options.maxmemory = maxmemory;
  options.policy = "allkeys-lru";
  const RedisServer server(options);
  RedisConfig settings;
  settings.max_memory_share = bound;
  return test::run_on(RedisMemoryShare(), server, settings);
}

TEST(RedisMemoryShareTest, FailsWhenMemoryIsAboveTheShare) {
  // An empty Redis 7 uses about 1 MB: a third of a 3 MB limit, above 10 %.
  const auto results = share_of("3mb", 0.1);
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_NE(results[0].message.find("at or above 10 %"), std::string::npos) << results[0].message;
}

TEST(RedisMemoryShareTest, PassesWithRoomToSpare) {
  const auto results = share_of("512mb", 0.9);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("of 512.0 MiB"), std::string::npos) << results[0].message;
}

TEST(RedisMemoryShareTest, SkipsWithoutMaxmemory) {
  EXPECT_EQ(test::statuses(share_of("", 0.9)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
