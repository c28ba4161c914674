// SQLite run store: round trip, reopening, migrations and refusal of foreign files.
#include "store/store.h"

#include <gtest/gtest.h>

#include "report/sample_reports.h"
#include "store/migrations.h"
#include "support/fixture.h"

namespace shipcheck::store {
namespace {

using test::mixed_report;

// Opens `path` with plain sqlite3, for inspecting or tampering with a store's file.
DbHandle raw_open(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  return DbHandle(raw);
}

std::int64_t query_int(sqlite3* db, std::string_view sql) {
  Statement stmt(db, sql);
  return stmt.step() ? stmt.integer(0) : -1;
}

std::string query_text(sqlite3* db, std::string_view sql) {
  Statement stmt(db, sql);
  return stmt.step() ? stmt.text(0) : std::string();
}

void expect_same(const Result& a, const Result& b) {
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.family, b.family);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.target, b.target);
  ASSERT_EQ(a.location.has_value(), b.location.has_value()) << a.rule;
  if (a.location) {
    EXPECT_EQ(a.location->file, b.location->file);
    EXPECT_EQ(a.location->line, b.location->line);
    EXPECT_EQ(a.location->column, b.location->column);
    EXPECT_EQ(a.location->commit, b.location->commit);
  }
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.evidence, b.evidence);
  EXPECT_EQ(a.remediation, b.remediation);
  EXPECT_EQ(a.duration_ms, b.duration_ms);
  ASSERT_EQ(a.suppressed.has_value(), b.suppressed.has_value()) << a.rule;
  if (a.suppressed) {
    EXPECT_EQ(a.suppressed->reason, b.suppressed->reason);
    EXPECT_EQ(a.suppressed->source, b.suppressed->source);
  }
}

TEST(Store, RecordsAndReadsBackRun) {
  const test::TempDir dir;
  const auto db_path = default_db_path(dir.path());
  auto store = Store::open(db_path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_TRUE(std::filesystem::exists(db_path));  // parent .shipcheck/ was created

  const Report report = mixed_report();
  const auto run_id = store->record_run(report, "todo");
  const auto runs = store->recent_runs(10);
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0].id, run_id);
  EXPECT_EQ(runs[0].service, "todo-api");
  EXPECT_EQ(runs[0].project, "todo");
  EXPECT_EQ(runs[0].started_at, "2026-11-21T22:40:00Z");
  EXPECT_EQ(runs[0].score, 41);
  EXPECT_EQ(runs[0].min_score, 90);
  EXPECT_FALSE(runs[0].ready);
  EXPECT_EQ(runs[0].duration_ms, 2140);
  EXPECT_EQ(runs[0].summary.fail, 2);
  EXPECT_EQ(runs[0].summary.manual, 2);
  EXPECT_EQ(runs[0].decided_by, report.decided_by);

  const auto results = store->results_of(run_id);
  ASSERT_EQ(results.size(), report.results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    expect_same(results[i], report.results[i]);
  }
  EXPECT_TRUE(store->results_of(run_id + 100).empty());
}

TEST(Store, RecentRunsAreNewestFirstAndLimited) {
  const test::TempDir dir;
  auto store = Store::open(dir.path() / "h.db");
  ASSERT_TRUE(store) << store.error();
  Report report = mixed_report();
  for (int score : {10, 20, 30}) {
    report.score = score;
    report.ready = score == 30;
    store->record_run(report, ".");
  }
  const auto runs = store->recent_runs(2);
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].score, 30);
  EXPECT_TRUE(runs[0].ready);
  EXPECT_EQ(runs[1].score, 20);
  EXPECT_GT(runs[0].id, runs[1].id);
}

TEST(Store, ReopeningKeepsDataAndAppliesNoMigration) {
  const test::TempDir dir;
  const auto db_path = dir.path() / "history.db";
  std::int64_t run_id = 0;
  {
    auto first = Store::open(db_path);
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->migrations_applied(), latest_schema_version());
    run_id = first->record_run(mixed_report(), ".");
  }
  auto second = Store::open(db_path);
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->migrations_applied(), 0);
  EXPECT_EQ(second->schema_version(), latest_schema_version());
  EXPECT_EQ(second->recent_runs(5).size(), 1U);
  EXPECT_EQ(second->results_of(run_id).size(), mixed_report().results.size());
}

TEST(Store, UsesWalAndRecordsSchemaVersion) {
  const test::TempDir dir;
  const auto db_path = dir.path() / "history.db";
  ASSERT_TRUE(Store::open(db_path));
  const auto db = raw_open(db_path);
  EXPECT_EQ(query_text(db.get(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query_int(db.get(), "PRAGMA user_version"), latest_schema_version());
}

TEST(Store, NewerSchemaVersionIsAnError) {
  const test::TempDir dir;
  const auto db_path = dir.path() / "history.db";
  {
    const auto db = raw_open(db_path);
    exec(db.get(), "CREATE TABLE runs (id INTEGER PRIMARY KEY); PRAGMA user_version = 99");
  }
  const auto store = Store::open(db_path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("schema version 99 is newer"), std::string::npos) << store.error();
  EXPECT_NE(store.error().find(db_path.string()), std::string::npos) << store.error();
  // Refusing must not touch the file.
  const auto db = raw_open(db_path);
  EXPECT_EQ(query_int(db.get(), "PRAGMA user_version"), 99);
}

TEST(Store, CorruptFileIsAnError) {
  const test::TempDir dir;
  const auto db_path = dir.write("history.db", std::string(8192, 'x') + "not a database");
  const auto store = Store::open(db_path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("not a database"), std::string::npos) << store.error();
}

TEST(Store, DirectoryInsteadOfFileIsAnError) {
  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "history.db");
  const auto store = Store::open(dir.path() / "history.db");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("history.db"), std::string::npos);
}

TEST(Store, FailedMigrationStepLeavesVersionUnchanged) {
  const test::TempDir dir;
  const auto db_path = dir.path() / "history.db";
  {
    // A table named like one v1 creates makes step 1 fail half-way.
    const auto db = raw_open(db_path);
    exec(db.get(), "CREATE TABLE results (x)");
  }
  const auto store = Store::open(db_path);
  ASSERT_FALSE(store);
  const auto db = raw_open(db_path);
  EXPECT_EQ(query_int(db.get(), "PRAGMA user_version"), 0);
  EXPECT_EQ(query_int(db.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'runs'"), 0);
}

}  // namespace
}  // namespace shipcheck::store
