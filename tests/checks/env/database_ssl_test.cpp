// ENV009: database URLs require SSL; no SQLite in production.
#include "checks/env/database_ssl.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DatabaseSsl, FailsWhenPostgresUrlHasNoSslmode) {
  EnvProject project("DATABASE_URL=postgresql://app:pw-0123456789@db.example.com:5432/app\n");
  const auto results = project.run(checks::DatabaseSsl());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "DATABASE_URL does not require SSL (no sslmode=require)");
  EXPECT_EQ(results[0].evidence, "DATABASE_URL=postgresql://app@db.example.com:5432/app");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(DatabaseSsl, FailsWhenSslmodeIsPrefer) {
  EnvProject project("DATABASE_URL=postgres://db/app?sslmode=prefer\n");
  const auto results = project.run(checks::DatabaseSsl());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("sslmode=prefer"), std::string::npos);
}

TEST(DatabaseSsl, FailsWhenSqlite) {
  EnvProject project("DATABASE_URL=sqlite:///./app.db\n");
  const auto results = project.run(checks::DatabaseSsl());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("SQLite in production"), std::string::npos);
}

TEST(DatabaseSsl, FailsForEveryPrefixedDatabaseUrl) {
  EnvProject project(
      "DATABASE_URL=postgresql://db/app?sslmode=require\n"
      "ANALYTICS_DATABASE_URL=postgresql://db/analytics\n");
  const auto results = project.run(checks::DatabaseSsl());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("ANALYTICS_DATABASE_URL"), std::string::npos);
}

TEST(DatabaseSsl, PassesWithSslmodeRequire) {
  EnvProject project(
      "DATABASE_URL=postgresql://neon_user:pw@db.neon.tech/production_db?sslmode=require\n");
  const auto results = project.run(checks::DatabaseSsl());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].evidence, "DATABASE_URL=postgresql://neon_user@db.neon.tech/production_db");
}

TEST(DatabaseSsl, PassesWithAsyncpgSslAndVerifyFull) {
  EnvProject project(
      "DATABASE_URL=postgresql+asyncpg://u@db/app?ssl=require\n"
      "POSTGRES_URL=postgres://u@db/app?SSLMODE=verify-full\n");
  EXPECT_EQ(statuses(project.run(checks::DatabaseSsl())), "pass");
}

TEST(DatabaseSsl, PassesWithPgsslmodeOrUnixSocket) {
  EnvProject project(
      "PGSSLMODE=require\nDATABASE_URL=postgresql://u@db/app\n"
      "POSTGRESQL_URL=postgresql:///app?host=/var/run/postgresql\n");
  EXPECT_EQ(statuses(project.run(checks::DatabaseSsl())), "pass");
}

TEST(DatabaseSsl, SkipsWhenUnsetOrNotJudged) {
  EnvProject unset("DEBUG=false\n");
  EXPECT_EQ(statuses(unset.run(checks::DatabaseSsl())), "skip");
  EnvProject mysql("DATABASE_URL=mysql://u@db/app\n");
  EXPECT_EQ(statuses(mysql.run(checks::DatabaseSsl())), "skip");
}

TEST(DatabaseSsl, NeverShowsThePassword) {
  for (const char* password : {"Sup3r-Secret-Pa55", "we/ird?pa#ss@word1"}) {
    EnvProject project(std::string("DATABASE_URL=\"postgresql://app:") + password +
                       "@db.example.com/app?password=" + password + "\"\n");
    const auto results = project.run(checks::DatabaseSsl());
    ASSERT_EQ(statuses(results), "fail") << password;
    expect_no_leak(results, password);
  }
}

}  // namespace
}  // namespace shipcheck::test
