#include "checks/postgres/reachable.h"

#include <gtest/gtest.h>

#include "checks/postgres/pg_fixture.h"
#include "support/nginx.h"
#include "support/socket_server.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

TEST(PgReachableTest, PassesWithASupportedServer) {
  const test::Postgres server;
  const auto results = run_pg(PgReachable(), server.url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].message.find("PostgreSQL 15."), std::string::npos) << results[0].message;
  EXPECT_EQ(results[0].target, fmt::format("postgres://127.0.0.1:{}/app", server.port()));
  EXPECT_NE(results[0].evidence.find("encrypted (TLSv1.3)"), std::string::npos)
      << results[0].evidence;
  for (const auto& text : {results[0].message, results[0].evidence, results[0].target}) {
    EXPECT_EQ(text.find(server.password()), std::string::npos);
  }
}

TEST(PgReachableTest, FailsWhenTheServerIsOlderThanTheMinimum) {
  const test::Postgres server;
  const auto results =
      run_pg(PgReachable(), server.url(), [](PostgresConfig& pg) { pg.min_version = 99; });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("older than the oldest supported version 99"),
            std::string::npos)
      << results[0].message;
}

TEST(PgReachableTest, FailsWithTheCauseWhenNothingListens) {
  const int port = test::free_port();
  const auto results =
      run_pg(PgReachable(), fmt::format("postgresql://app:pw-0123456789@127.0.0.1:{}/app", port));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find(fmt::format("cannot connect to postgres://127.0.0.1:{}/app "
                                                "(refused)",
                                                port)),
            std::string::npos)
      << results[0].message;
  EXPECT_EQ(results[0].message.find("pw-0123456789"), std::string::npos);
}

TEST(PgReachableTest, FailsAsATimeoutWhenTheServerNeverAnswers) {
  const test::SilentPort silent;
  const auto results =
      run_pg(PgReachable(), fmt::format("postgresql://app:x@127.0.0.1:{}/app", silent.port()),
             [](PostgresConfig& pg) { pg.timeout = "400ms"; });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("(timeout): no answer within 400ms"), std::string::npos)
      << results[0].message;
}

TEST(PgReachableTest, FailsWhenThePasswordIsWrong) {
  const test::Postgres server;
  const auto results =
      run_pg(PgReachable(),
             fmt::format("postgresql://app:not-the-password-42@127.0.0.1:{}/app", server.port()));
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("(auth failed)"), std::string::npos) << results[0].message;
  EXPECT_EQ(results[0].message.find("not-the-password-42"), std::string::npos);
}

TEST(PgReachableTest, SkipsWithoutAUrlOrWithoutPostgres) {
  const test::TempDir dir;
  EXPECT_EQ(test::statuses(test::run_check(PgReachable(), test::config_for(dir.path()))), "skip");
  unsetenv(test::k_pg_url_env);
  Config config = test::config_for(dir.path());
  config.dependencies.postgres.emplace();
  config.dependencies.postgres->url_env = test::k_pg_url_env;
  const auto results = test::run_check(PgReachable(), config);
  ASSERT_EQ(test::statuses(results), "skip");
  EXPECT_NE(results[0].message.find("is not set"), std::string::npos);
}

// Also SQLAlchemy's form of the URL, with asyncpg's ssl=require.
TEST(PgReachableTest, ReadsTheUrlFromTheEnvFileWhenTheEnvironmentLacksIt) {
  const test::Postgres server;
  const test::TempDir dir;
  dir.write(".env.production",
            fmt::format("SHIPCHECK_TEST_DATABASE_URL=postgresql+asyncpg://app:{}@127.0.0.1:{}/"
                        "app?ssl=require\n",
                        server.password(), server.port()));
  unsetenv(test::k_pg_url_env);
  Config config = test::config_for(dir.path());
  config.env_file = ".env.production";
  config.dependencies.postgres.emplace();
  config.dependencies.postgres->url_env = test::k_pg_url_env;
  const auto results = test::run_check(PgReachable(), config);
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].evidence.find("in .env.production"), std::string::npos);
  EXPECT_NE(results[0].evidence.find("encrypted (TLSv1.3)"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::checks
