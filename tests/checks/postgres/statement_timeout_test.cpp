#include "checks/postgres/statement_timeout.h"

#include <gtest/gtest.h>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

TEST(PgStatementTimeoutTest, FailsWhenTheRoleHasNone) {
  const test::Postgres server;
  const auto results = run_pg(PgStatementTimeout(), server.url());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("statement_timeout is 0 (off) for role app in database app"),
            std::string::npos)
      << results[0].message;
}

TEST(PgStatementTimeoutTest, PassesWithATimeoutSetForTheRole) {
  const test::Postgres server;
  server.sql("ALTER ROLE app SET statement_timeout = '30s'", "postgres");
  const auto results = run_pg(PgStatementTimeout(), server.url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "statement_timeout is 30s for role app in database app");
}

}  // namespace
}  // namespace shipcheck::checks
