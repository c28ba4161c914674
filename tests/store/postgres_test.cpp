// What only the PostgreSQL backend of the store can get wrong: two CI jobs migrating a fresh
// database at once, readers that must create nothing, text PostgreSQL refuses, and errors
// that must not carry the password.
#include "store/postgres.h"

#include <gtest/gtest.h>

#include <thread>

#include "report/sample_reports.h"
#include "store/migrations.h"
#include "store/open.h"
#include "support/history_db.h"

namespace shipcheck::store {
namespace {

TEST(PostgresStore, ConcurrentFirstOpensBothSucceedAndMigrateOnce) {
  const auto db = test::fresh_pg_history_db();
  constexpr int k_openers = 4;
  std::vector<tl::expected<std::optional<Store>, std::string>> opened(k_openers);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < k_openers; ++i) {
      threads.emplace_back([&opened, &db, i] { opened[i] = Store::open_url(db.url); });
    }
  }
  int applied = 0;
  for (auto& store : opened) {
    ASSERT_TRUE(store && *store) << (store ? "nullopt" : store.error());
    EXPECT_EQ((*store)->schema_version(), latest_schema_version());
    applied += (*store)->migrations_applied();
  }
  EXPECT_EQ(applied, latest_schema_version());
  EXPECT_EQ(test::pg_as_app(db.name, "SELECT count(*) FROM shipcheck_schema"),
            std::vector<std::string>{std::to_string(latest_schema_version())});
  // Every opener can write: the tables are whole.
  for (auto& store : opened) {
    (*store)->record_run(test::mixed_report(), ".");
  }
  EXPECT_EQ((*opened[0])->recent_runs(100).size(), static_cast<std::size_t>(k_openers));
}

TEST(PostgresStore, ReadingAnEmptyDatabaseCreatesNothing) {
  const auto db = test::fresh_pg_history_db();
  auto read = open_history({"/nonexistent", db.url}, Access::read);
  ASSERT_TRUE(read) << read.error();
  EXPECT_FALSE(*read);
  EXPECT_EQ(test::pg_as_app(db.name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
            std::vector<std::string>{"0"});

  auto written = open_history({"/nonexistent", db.url}, Access::write);
  ASSERT_TRUE(written && *written) << (written ? "nullopt" : written.error());
  (*written)->record_run(test::mixed_report(), ".");
  auto again = open_history({"/nonexistent", db.url}, Access::read);
  ASSERT_TRUE(again && *again) << (again ? "nullopt" : again.error());
  EXPECT_EQ((*again)->recent_runs(5).size(), 1U);
}

TEST(PostgresStore, KeepsTextPostgresWouldRefuseAsReplacementCharacters) {
  const auto db = test::fresh_pg_history_db();
  auto store = Store::open_url(db.url);
  ASSERT_TRUE(store && *store) << (store ? "nullopt" : store.error());
  Report report = test::mixed_report();
  report.results[0].evidence = std::string("a\0b\xff", 4) + "ok \xC3\xA9";
  const auto id = (*store)->record_run(report, ".");
  EXPECT_EQ((*store)->results_of(id).at(0).evidence,
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBDok \xC3\xA9");
}

TEST(PostgresStore, ConnectionErrorNamesTheDatabaseWithoutThePassword) {
  const auto store = Store::open_url("postgresql://ci:hunter2-secret@127.0.0.1:1/history");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("history database postgres://127.0.0.1:1/history: "),
            std::string::npos)
      << store.error();
  EXPECT_EQ(store.error().find("hunter2-secret"), std::string::npos) << store.error();
}

TEST(PostgresStore, WrongPasswordIsAnErrorWithoutIt) {
  auto db = test::fresh_pg_history_db();
  const auto store = Store::open_url(fmt::format(
      "postgresql://app:wrong-password-123@127.0.0.1:{}/{}?sslmode=disable", db.port, db.name));
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("password authentication failed"), std::string::npos)
      << store.error();
  EXPECT_EQ(store.error().find("wrong-password-123"), std::string::npos) << store.error();
}

TEST(PostgresStore, NumbersParametersOutsideQuotedLiterals) {
  EXPECT_EQ(numbered_parameters("SELECT a FROM t WHERE CAST(? AS TEXT) = '' OR b = ? LIMIT ?"),
            "SELECT a FROM t WHERE CAST($1 AS TEXT) = '' OR b = $2 LIMIT $3");
  EXPECT_EQ(numbered_parameters("SELECT '?', 'it''s ?', ?"), "SELECT '?', 'it''s ?', $1");
}

TEST(PostgresStore, MigrationsUse64BitIdsAndAnOrderingColumnForResults) {
  const std::string v1 = postgres_migration(0);
  EXPECT_NE(v1.find("id BIGSERIAL PRIMARY KEY"), std::string::npos);
  EXPECT_NE(v1.find("run_id BIGINT NOT NULL"), std::string::npos);
  EXPECT_NE(v1.find("ADD COLUMN rowid BIGSERIAL"), std::string::npos);
  EXPECT_EQ(v1.find("INTEGER"), std::string::npos);
  EXPECT_EQ(sqlite_migration(0), std::string(migrations()[0]));
}

}  // namespace
}  // namespace shipcheck::store
