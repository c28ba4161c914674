#include "checks/redis/dead_letter_queues.h"

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using test::RedisServer;

RedisConfig dead_letters(std::vector<std::string> keys, std::optional<int> bound = {}) {
  RedisConfig settings;
  settings.dead_letter_queues = std::move(keys);
  settings.max_dead_letter_length = bound;
  return settings;
}

TEST(RedisDeadLetterQueuesTest, FailsWhenTheKeyHasTheWrongType) {
  const RedisServer server;
  server.cli("HSET celery.dead-letter task t1");
  const auto results =
      test::run_on(RedisDeadLetterQueues(), server, dead_letters({"celery.dead-letter"}));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "dead-letter queue celery.dead-letter is a hash, not a list, sorted set or stream: "
            "pushing a failed task to it fails");
}

TEST(RedisDeadLetterQueuesTest, FailsWhenFailedTasksPileUp) {
  const RedisServer server;
  server.cli("RPUSH celery.dead-letter t1 t2 t3");
  const auto results =
      test::run_on(RedisDeadLetterQueues(), server, dead_letters({"celery.dead-letter"}, 2));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "dead-letter queue celery.dead-letter holds 3 failed tasks, more "
            "than 2");
}

TEST(RedisDeadLetterQueuesTest, PassesWithAListASortedSetAStreamAndAMissingKey) {
  const RedisServer server;
  server.cli("RPUSH celery.dead-letter t1");
  server.cli("ZADD rq:failed:default 1700000000 job-1");
  server.cli("XADD tasks.dlq '*' task t1");
  const auto results = test::run_on(
      RedisDeadLetterQueues(), server,
      dead_letters({"celery.dead-letter", "rq:failed:default", "tasks.dlq", "rq:failed:low"}, 5));
  ASSERT_EQ(test::statuses(results), "pass,pass,pass,pass");
  EXPECT_EQ(results[0].message,
            "dead-letter queue celery.dead-letter (list) holds 1 failed tasks (at most 5)");
  EXPECT_EQ(results[1].evidence, "TYPE rq:failed:default = zset, ZCARD = 1");
  EXPECT_EQ(results[2].evidence, "TYPE tasks.dlq = stream, XLEN = 1");
  EXPECT_EQ(results[3].message,
            "dead-letter queue rq:failed:low is empty (no key: nothing has failed into it)");
}

TEST(RedisDeadLetterQueuesTest, SkipsWithoutDeadLetterQueues) {
  const RedisServer server;
  EXPECT_EQ(test::statuses(test::run_on(RedisDeadLetterQueues(), server)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
