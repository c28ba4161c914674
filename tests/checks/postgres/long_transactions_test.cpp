#include "checks/postgres/long_transactions.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

TEST(PgNoLongTransactionsTest, FailsWhenATransactionStaysOpen) {
  const test::Postgres server;
  test::PgClient forgotten(server.url());
  forgotten.exec("BEGIN; SELECT 1");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto results = run_pg(PgNoLongTransactions(), server.url(),
                              [](PostgresConfig& pg) { pg.max_transaction_age = "100ms"; });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "1 transaction has been open longer than 100ms");
  EXPECT_NE(results[0].evidence.find("(app, , idle in transaction): open"), std::string::npos)
      << results[0].evidence;
}

TEST(PgNoLongTransactionsTest, PassesWithNoOldTransaction) {
  const test::Postgres server;
  test::PgClient idle(server.url());
  idle.exec("SELECT 1");
  const auto results = run_pg(PgNoLongTransactions(), server.url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "no transaction has been open longer than 5m 00s");
}

}  // namespace
}  // namespace shipcheck::checks
