#include "checks/redis/queue_lengths.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisServer;

RedisConfig queues(std::vector<std::string> names, int bound) {
  RedisConfig settings;
  settings.queues = std::move(names);
  settings.max_queue_length = bound;
  return settings;
}

TEST(RedisQueueLengthsTest, FailsWhenAQueueIsBackedUp) {
  const RedisServer server;
  server.cli("RPUSH celery t1 t2 t3 t4 t5");
  const auto results = test::run_on(RedisQueueLengths(), server, queues({"celery"}, 3));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "queue celery holds 5 tasks, more than 3");
}

TEST(RedisQueueLengthsTest, PassesWithShortQueuesAndCountsAMissingOneAsEmpty) {
  const RedisServer server;
  server.cli("RPUSH rq:queue:default j1 j2");
  const auto results =
      test::run_on(RedisQueueLengths(), server, queues({"rq:queue:default", "celery"}, 3));
  ASSERT_EQ(test::statuses(results), "pass,pass");
  EXPECT_EQ(results[0].message, "queue rq:queue:default holds 2 tasks (at most 3)");
  EXPECT_EQ(results[1].message, "queue celery holds 0 tasks (at most 3)");
}

TEST(RedisQueueLengthsTest, ErrorsWhenTheKeyIsNotAList) {
  const RedisServer server;
  server.cli("SET celery not-a-queue");
  const auto results = test::run_on(RedisQueueLengths(), server, queues({"celery"}, 3));
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("is a string, not a list"), std::string::npos);
}

TEST(RedisQueueLengthsTest, SkipsWithoutQueues) {
  const RedisServer server;
  EXPECT_EQ(test::statuses(test::run_on(RedisQueueLengths(), server)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
