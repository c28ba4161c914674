// libpq sessions against a real server: rows, read-only sessions, and each failure cause
// (refused, timeout, auth failed, TLS failed) classified without the password in the message.
#include "engines/postgres/session.h"

#include <gtest/gtest.h>

#include "support/nginx.h"
#include "support/postgres.h"
#include "support/socket_server.h"

namespace shipcheck::postgres {
namespace {

using namespace std::chrono_literals;

Options quick(std::chrono::milliseconds timeout = 5s) {
  Options options;
  options.timeout = timeout;
  return options;
}

TEST(PostgresSession, ReadsRowsWithNullsAndParameters) {
  const test::Postgres server;
  auto session = Session::connect(server.url(), quick());
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_GE(session->server_version(), 130000);
  EXPECT_TRUE(session->ssl_in_use());
  const auto rows = session->query("SELECT $1::int + 1 AS n, NULL::text AS nothing", {"41"});
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"n", "nothing"}));
  EXPECT_EQ(rows->text(0, 0), "42");
  EXPECT_TRUE(rows->is_null(0, 1));
}

TEST(PostgresSession, RefusesEveryWrite) {
  const test::Postgres server;
  auto session = Session::connect(server.url(), quick());
  ASSERT_TRUE(session.has_value()) << session.error().message;
  const auto created = session->query("CREATE TABLE t (x int)");
  ASSERT_FALSE(created.has_value());
  EXPECT_NE(created.error().message.find("read-only transaction"), std::string::npos)
      << created.error().message;
  const auto timeout = session->query("SHOW statement_timeout");
  ASSERT_TRUE(timeout.has_value());
  EXPECT_EQ(timeout->text(0, 0), "5s");
}

TEST(PostgresSession, ALongQueryEndsAsATimeout) {
  const test::Postgres server;
  auto session = Session::connect(server.url(), quick(300ms));
  ASSERT_TRUE(session.has_value()) << session.error().message;
  const auto slept = session->query("SELECT pg_sleep(30)");
  ASSERT_FALSE(slept.has_value());
  EXPECT_EQ(slept.error().kind, Failure::timeout) << slept.error().message;
}

TEST(PostgresSession, ASilentServerIsATimeout) {
  const test::SilentPort silent;
  const auto session = Session::connect(
      fmt::format("postgresql://app:secret-password@127.0.0.1:{}/app", silent.port()),
      quick(300ms));
  ASSERT_FALSE(session.has_value());
  EXPECT_EQ(session.error().kind, Failure::timeout);
  EXPECT_NE(session.error().message.find("no answer within 300ms"), std::string::npos)
      << session.error().message;
}

TEST(PostgresSession, AClosedPortIsRefused) {
  const auto session = Session::connect(
      fmt::format("postgresql://app:x@127.0.0.1:{}/app", test::free_port()), quick());
  ASSERT_FALSE(session.has_value());
  EXPECT_EQ(session.error().kind, Failure::refused) << session.error().message;
}

TEST(PostgresSession, AWrongPasswordIsAuthFailedAndNeverQuoted) {
  const test::Postgres server;
  const std::string wrong = "Wr0ngPassw0rd-4f9c2a";
  const auto session = Session::connect(
      fmt::format("postgresql://app:{}@127.0.0.1:{}/app?sslmode=require", wrong, server.port()),
      quick());
  ASSERT_FALSE(session.has_value());
  EXPECT_EQ(session.error().kind, Failure::auth_failed) << session.error().message;
  EXPECT_EQ(session.error().message.find(wrong), std::string::npos);
}

TEST(PostgresSession, RequiringTlsOfAPlainServerIsATlsFailure) {
  test::PostgresOptions options;
  options.ssl = false;
  const test::Postgres server(options);
  const auto session = Session::connect(server.url("sslmode=require"), quick());
  ASSERT_FALSE(session.has_value());
  EXPECT_EQ(session.error().kind, Failure::tls_failed) << session.error().message;
  EXPECT_EQ(session.error().message.find(server.password()), std::string::npos);
}

TEST(PostgresUrl, ShowsHostPortAndDatabaseOnly) {
  std::string why;
  const auto info =
      parse_url("postgresql://u:hunter2secret@db.example.com:6543/prod?sslmode=verify-full", why);
  ASSERT_TRUE(info.has_value()) << why;
  EXPECT_EQ(info->display, "postgres://db.example.com:6543/prod");
  EXPECT_EQ(info->sslmode, "verify-full");
  EXPECT_EQ(info->user, "u");
  const auto bare = parse_url("postgres://u@/", why);
  ASSERT_TRUE(bare.has_value()) << why;
  EXPECT_EQ(bare->display, "postgres://localhost:5432/u");
}

TEST(PostgresUrl, ABadUrlIsRefusedWithoutQuotingIt) {
  std::string why;
  EXPECT_FALSE(parse_url("postgresql://u:p%zzsecret@host/db", why).has_value());
  EXPECT_NE(why.find("not a valid PostgreSQL connection URL"), std::string::npos) << why;
  EXPECT_EQ(why.find("zzsecret"), std::string::npos) << why;
}

}  // namespace
}  // namespace shipcheck::postgres
