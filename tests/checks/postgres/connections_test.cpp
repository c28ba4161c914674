#include "checks/postgres/connections.h"

#include <gtest/gtest.h>

#include <memory>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

test::PostgresOptions ten_connection_server() {
  test::PostgresOptions options;
  options.max_connections = 10;  // 3 reserved for superusers: 7 usable
  return options;
}

TEST(PgConnectionHeadroomTest, PassesWithFewConnectionsInUse) {
  const test::Postgres server(ten_connection_server());
  const auto results = run_pg(PgConnectionHeadroom(), server.url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("of 7 usable connections in use"), std::string::npos)
      << results[0].message;
}

TEST(PgConnectionHeadroomTest, FailsWhenConnectionsPassTheShare) {
  const test::Postgres server(ten_connection_server());
  std::vector<std::unique_ptr<test::PgClient>> held;
  for (int i = 0; i < 5; ++i) {
    held.push_back(std::make_unique<test::PgClient>(server.url()));
  }
  const auto results = run_pg(PgConnectionHeadroom(), server.url(),
                              [](PostgresConfig& pg) { pg.max_connection_share = 0.5; });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "5 of 7 usable connections in use (71%, at or above 50%)");
}

}  // namespace
}  // namespace shipcheck::checks
