#include "checks/postgres/ssl.h"

#include <gtest/gtest.h>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

TEST(PgSslInUseTest, PassesWithSslRequiredOfAnSslServer) {
  const test::Postgres server;
  const auto results = run_pg(PgSslInUse(), server.url("sslmode=require"));
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("sslmode=require"), std::string::npos);
  EXPECT_NE(results[0].evidence.find("pg_stat_ssl: ssl=true, TLSv1.3"), std::string::npos)
      << results[0].evidence;
}

TEST(PgSslInUseTest, FailsWhenTheServerHasSslOff) {
  test::PostgresOptions options;
  options.ssl = false;
  const test::Postgres server(options);
  const auto results = run_pg(PgSslInUse(), server.url(""));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("not encrypted"), std::string::npos) << results[0].message;
}

TEST(PgSslInUseTest, FailsWhenTheUrlLetsTheClientFallBackToPlainText) {
  const test::Postgres server;
  auto results = run_pg(PgSslInUse(), server.url(""));  // libpq's default: prefer
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("sslmode is not set (libpq's default: prefer)"),
            std::string::npos)
      << results[0].message;
  results = run_pg(PgSslInUse(), server.url("sslmode=disable"));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("not encrypted"), std::string::npos) << results[0].message;
  EXPECT_NE(results[0].evidence.find("sslmode disable"), std::string::npos) << results[0].evidence;
}

}  // namespace
}  // namespace shipcheck::checks
