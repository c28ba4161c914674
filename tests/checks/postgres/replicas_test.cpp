#include "checks/postgres/replicas.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

void want_replicas(PostgresConfig& pg, int replicas) {
  pg.replicas = replicas;
}

// One primary and standby for several verdicts: starting them is most of a test's time.
TEST(PgReplicasStreamingTest, PassesWithOneStreamingReplica) {
  const test::Postgres primary;
  const auto replica = test::Postgres::replica_of(primary);
  const auto one = [](PostgresConfig& pg) { want_replicas(pg, 1); };
  auto results = run_pg(PgReplicasStreaming(), primary.url(), one);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "1 replica streaming within 10s of lag (1 required)");
  EXPECT_NE(results[0].evidence.find("walreceiver (127.0.0.1): streaming"), std::string::npos)
      << results[0].evidence;
  // Two required: one is not enough.
  results = run_pg(PgReplicasStreaming(), primary.url(),
                   [](PostgresConfig& pg) { want_replicas(pg, 2); });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "1 replica streaming within 10s of lag, 2 required");
  // On the standby itself there is nothing to count.
  EXPECT_EQ(test::statuses(run_pg(PgReplicasStreaming(), replica->url(), one)), "skip");
  // Without pg_monitor the role sees the standby's row but not its state.
  primary.sql("REVOKE pg_monitor FROM app", "postgres");
  results = run_pg(PgReplicasStreaming(), primary.url(), one);
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_NE(results[0].message.find("grant it pg_monitor"), std::string::npos);
}

TEST(PgReplicasStreamingTest, FailsWhenTheReplicaIsStopped) {
  const test::Postgres primary;
  auto replica = test::Postgres::replica_of(primary);
  replica->stop();
  // The primary's walsender notices the standby's goodbye a moment later.
  for (int i = 0; i < 500 && primary.sql("SELECT count(*) FROM pg_stat_replication", "postgres") !=
                                 std::vector<std::string>{"0"};
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto results = run_pg(PgReplicasStreaming(), primary.url(),
                              [](PostgresConfig& pg) { want_replicas(pg, 1); });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "0 replicas streaming within 10s of lag, 1 required");
  EXPECT_EQ(results[0].evidence, "pg_stat_replication is empty");
}

TEST(PgReplicasStreamingTest, SkipsWithoutAReplicaCount) {
  EXPECT_EQ(test::statuses(run_pg(PgReplicasStreaming(), "postgresql://app:x@127.0.0.1:1/app")),
            "skip");
}

}  // namespace
}  // namespace shipcheck::checks
