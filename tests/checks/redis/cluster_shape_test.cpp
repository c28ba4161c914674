#include "checks/redis/cluster_shape.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisServer;

RedisConfig cluster_of(int primaries, int replicas) {
  RedisConfig settings;
  settings.cluster = RedisClusterConfig{primaries, replicas};
  return settings;
}

TEST(RedisClusterShapeTest, FailsWhenTheServerIsNotInClusterMode) {
  const RedisServer server;
  const auto results = test::run_on(RedisClusterShape(), server, cluster_of(3, 0));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("not in cluster mode"), std::string::npos);
}

// One cluster for both verdicts: starting it takes about a second.
TEST(RedisClusterShapeTest, PassesWithThreePrimariesAndFailsWhenReplicasAreMissing) {
  const test::RedisCluster cluster;
  const auto ok = test::run_on(RedisClusterShape(), cluster.node(1), cluster_of(3, 0));
  ASSERT_EQ(test::statuses(ok), "pass") << ok[0].message;
  EXPECT_EQ(ok[0].message, "cluster_state ok with 3 primaries and 0 replicas");
  const auto short_of = test::run_on(RedisClusterShape(), cluster.node(0), cluster_of(3, 3));
  ASSERT_EQ(test::statuses(short_of), "fail");
  EXPECT_NE(short_of[0].message.find("fewer than the 3 primaries and 3 replicas"),
            std::string::npos)
      << short_of[0].message;
}

TEST(RedisClusterShapeTest, SkipsWithoutAClusterSetting) {
  const RedisServer server;
  EXPECT_EQ(test::statuses(test::run_on(RedisClusterShape(), server)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
