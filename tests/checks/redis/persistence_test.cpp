#include "checks/redis/persistence.h"

#include <thread>

#include <gtest/gtest.h>

#include "checks/redis/redis_fixture.h"

namespace shipcheck::checks {
namespace {

using Persistence = test::RedisOptions::Persistence;
using test::RedisOptions;
using test::RedisServer;

RedisOptions with(Persistence persistence) {
  RedisOptions options;
  options.persistence = persistence;
  return options;
}

// Waits (bounded) until no background save runs.
void wait_for_bgsave(const RedisServer& server) {
  for (int i = 0; i < 500 && server.info_field("rdb_bgsave_in_progress") != "0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TEST(RedisPersistenceTest, FailsWhenNothingIsPersisted) {
  const RedisServer server(with(Persistence::none));
  const auto results = test::run_on(RedisPersistence(), server);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("neither AOF nor RDB"), std::string::npos);
}

TEST(RedisPersistenceTest, PassesWithAof) {
  const RedisServer server(with(Persistence::aof));
  const auto results = test::run_on(RedisPersistence(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].evidence.find("appendfsync everysec"), std::string::npos);
}

TEST(RedisPersistenceTest, PassesWithRdbSnapshotsThatSucceed) {
  const RedisServer server(with(Persistence::rdb));
  server.cli("SET k v");
  server.cli("BGSAVE");
  wait_for_bgsave(server);
  const auto results = test::run_on(RedisPersistence(), server);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].evidence.find("rdb_last_bgsave_status:ok"), std::string::npos);
}

TEST(RedisPersistenceTest, FailsWhenTheLastSnapshotFailed) {
  // The data directory disappears under the server: the next snapshot cannot be written.
  RedisOptions options = with(Persistence::rdb);
  const test::TempDir data;
  std::filesystem::create_directories(data.path() / "gone");
  options.extra = {"--dir", (data.path() / "gone").string()};
  const RedisServer server(options);
  std::filesystem::remove_all(data.path() / "gone");
  server.cli("SET k v");
  server.cli("BGSAVE");
  wait_for_bgsave(server);
  const auto results = test::run_on(RedisPersistence(), server);
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_NE(results[0].message.find("last RDB snapshot failed"), std::string::npos);
}

TEST(RedisPersistenceTest, SkipsWhenPersistenceIsNotWanted) {
  const RedisServer server(with(Persistence::none));
  RedisConfig settings;
  settings.persistence = false;
  EXPECT_EQ(test::statuses(test::run_on(RedisPersistence(), server, settings)), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
