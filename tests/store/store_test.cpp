// The run store on both backends: round trip, reopening, migrations, refusal of a newer
// schema, watches and sign-offs; then what only SQLite (its file) or only PostgreSQL (a shared
// server: concurrent first opens, connection errors) can do wrong.
#include "store/store.h"

#include <gtest/gtest.h>

#include "report/sample_reports.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "support/fixture.h"
#include "support/history_db.h"

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

enum class Backend { sqlite, postgres };

// Each test gets a history database of its own: a file in a temporary directory, or a fresh
// database on the process's PostgreSQL server.
class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgres) {
      m_pg = test::fresh_pg_history_db();
    }
  }

  tl::expected<Store, std::string> open() const {
    if (GetParam() == Backend::sqlite) {
      return Store::open(db_path());
    }
    auto store = Store::open_url(m_pg.url);
    if (!store) {
      return tl::make_unexpected(store.error());
    }
    return std::move(**store);
  }

  // Runs `sql` on the database behind the store's back.
  void tamper(const std::string& sql) const {
    if (GetParam() == Backend::sqlite) {
      const auto db = raw_open(db_path());
      exec(db.get(), sql);
    } else {
      test::pg_as_app(m_pg.name, sql);
    }
  }

  // The first value `sql` returns, read behind the store's back; -1 for no row.
  std::int64_t value_of(const std::string& sql) const {
    if (GetParam() == Backend::sqlite) {
      const auto db = raw_open(db_path());
      return query_int(db.get(), sql);
    }
    const auto rows = test::pg_as_app(m_pg.name, sql);
    return rows.empty() ? -1 : std::stoll(rows.front());
  }

  // The schema version as the database itself records it.
  std::int64_t stored_version() const {
    return GetParam() == Backend::sqlite
               ? value_of("PRAGMA user_version")
               : value_of("SELECT coalesce(max(version), 0) FROM shipcheck_schema");
  }

  std::filesystem::path db_path() const { return m_dir.path() / ".shipcheck" / "history.db"; }

  test::TempDir m_dir;
  test::PgHistoryDb m_pg;
};

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

TEST_P(StoreTest, RecordsAndReadsBackRun) {
  auto store = open();
  ASSERT_TRUE(store) << store.error();

  const Report report = mixed_report();
  const auto run_id = store->record_run(report, "todo", "abc123");
  const auto runs = store->recent_runs(10);
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0].id, run_id);
  EXPECT_EQ(runs[0].service, "todo-api");
  EXPECT_EQ(runs[0].project, "todo");
  EXPECT_EQ(runs[0].commit, "abc123");
  EXPECT_EQ(runs[0].started_at, "2026-11-21T22:40:00Z");
  EXPECT_EQ(runs[0].score, 41);
  EXPECT_EQ(runs[0].min_score, 90);
  EXPECT_FALSE(runs[0].ready);
  EXPECT_EQ(runs[0].duration_ms, 2140);
  EXPECT_EQ(runs[0].summary.fail, 2);
  EXPECT_EQ(runs[0].summary.manual, 2);
  EXPECT_EQ(runs[0].decided_by, report.decided_by);
  ASSERT_TRUE(store->run(run_id));
  EXPECT_EQ(store->run(run_id)->score, 41);
  EXPECT_FALSE(store->run(run_id + 100));

  const auto results = store->results_of(run_id);
  ASSERT_EQ(results.size(), report.results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    expect_same(results[i], report.results[i]);
  }
  EXPECT_TRUE(store->results_of(run_id + 100).empty());
}

TEST_P(StoreTest, ReadsResultsBackInRecordedOrderWhateverTheirRules) {
  auto store = open();
  ASSERT_TRUE(store) << store.error();
  Report report = mixed_report();
  std::reverse(report.results.begin(), report.results.end());
  store->record_run(mixed_report(), ".");
  const auto run_id = store->record_run(report, ".");
  const auto results = store->results_of(run_id);
  ASSERT_EQ(results.size(), report.results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].rule, report.results[i].rule) << i;
  }
}

TEST_P(StoreTest, RecentRunsAreNewestFirstAndLimited) {
  auto store = open();
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

TEST_P(StoreTest, ReopeningKeepsDataAndAppliesNoMigration) {
  std::int64_t run_id = 0;
  {
    auto first = open();
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->migrations_applied(), latest_schema_version());
    run_id = first->record_run(mixed_report(), ".");
  }
  auto second = open();
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->migrations_applied(), 0);
  EXPECT_EQ(second->schema_version(), latest_schema_version());
  EXPECT_EQ(stored_version(), latest_schema_version());
  EXPECT_EQ(second->recent_runs(5).size(), 1U);
  EXPECT_EQ(second->results_of(run_id).size(), mixed_report().results.size());
}

TEST_P(StoreTest, NewerSchemaVersionIsAnError) {
  ASSERT_TRUE(open());
  tamper(GetParam() == Backend::sqlite ? "PRAGMA user_version = 99"
                                       : "INSERT INTO shipcheck_schema (version) VALUES (99)");
  const auto store = open();
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("schema version 99 is newer"), std::string::npos) << store.error();
  // The error names the database; PostgreSQL's without the password.
  EXPECT_NE(store.error().find(GetParam() == Backend::sqlite ? db_path().string() : m_pg.name),
            std::string::npos)
      << store.error();
  if (GetParam() == Backend::postgres) {
    EXPECT_EQ(store.error().find(m_pg.password), std::string::npos) << store.error();
  }
  // Refusing must not touch the database.
  EXPECT_EQ(stored_version(), 99);
}

TEST_P(StoreTest, FailedMigrationStepLeavesVersionUnchanged) {
  if (GetParam() == Backend::sqlite) {
    std::filesystem::create_directories(db_path().parent_path());
  }
  // A table named like one v1 creates makes step 1 fail half-way.
  tamper("CREATE TABLE results (x INTEGER)");
  const auto store = open();
  ASSERT_FALSE(store);
  // PostgreSQL's version table was created in the failed step's transaction: gone with it.
  EXPECT_EQ(GetParam() == Backend::sqlite
                ? stored_version()
                : value_of("SELECT count(*) FROM pg_tables WHERE tablename = 'shipcheck_schema'"),
            0);
  EXPECT_EQ(value_of(GetParam() == Backend::sqlite
                         ? "SELECT count(*) FROM sqlite_master WHERE name = 'runs'"
                         : "SELECT count(*) FROM pg_tables WHERE tablename = 'runs'"),
            0);
}

WatchRow sample_watch(std::string service, std::string outcome) {
  WatchRow w;
  w.started_at = "2026-11-21T23:00:00Z";
  w.service = std::move(service);
  w.project = "/srv/todo";
  w.commit = "0123456789abcdef";
  w.duration_ms = 1'800'000;
  w.outcome = std::move(outcome);
  w.trigger = w.outcome == "fired" ? "error_rate > 5% for 5m" : "";
  w.message = "watch ended";
  w.healthy_polls = 170;
  w.polls = 180;
  w.rollback = w.outcome == "fired" ? "exit status 0" : "";
  w.baselines = {{"p95", 0.125}, {"error_rate", 0.001}};
  return w;
}

TEST_P(StoreTest, RecordsWatchesAndFiltersThemByService) {
  auto store = open();
  ASSERT_TRUE(store) << store.error();
  const auto first = store->record_watch(sample_watch("todo-api", "passed"));
  store->record_watch(sample_watch("billing", "stable"));
  const auto last = store->record_watch(sample_watch("todo-api", "fired"));
  EXPECT_GT(last, first);

  EXPECT_EQ(store->recent_watches(10).size(), 3U);
  const auto todo = store->recent_watches(10, "todo-api");
  ASSERT_EQ(todo.size(), 2U);
  EXPECT_EQ(todo[0].id, last);
  EXPECT_EQ(todo[0].outcome, "fired");
  EXPECT_EQ(todo[0].trigger, "error_rate > 5% for 5m");
  EXPECT_EQ(todo[0].rollback, "exit status 0");
  EXPECT_EQ(todo[0].commit, "0123456789abcdef");
  EXPECT_EQ(todo[0].duration_ms, 1'800'000);
  EXPECT_EQ(todo[0].healthy_polls, 170);
  EXPECT_EQ(todo[0].polls, 180);
  EXPECT_EQ(todo[0].baselines, sample_watch("", "").baselines);
  EXPECT_EQ(todo[1].id, first);
  EXPECT_EQ(store->recent_watches(1, "billing").at(0).outcome, "stable");
  EXPECT_TRUE(store->recent_watches(10, "nobody").empty());
}

TEST_P(StoreTest, TheNewestSignoffOfAnItemWins) {
  auto store = open();
  ASSERT_TRUE(store) << store.error();
  EXPECT_FALSE(store->latest_signoff("todo-api", "backup-drill"));
  store->record_signoff(
      {0, "todo-api", "backup-drill", "alice", "2026-11-20T10:00:00Z", "restored to scratch", ""});
  const auto second = store->record_signoff(
      {0, "todo-api", "backup-drill", "bob", "2026-11-21T10:00:00Z", "", "cafe"});
  store->record_signoff({0, "billing", "backup-drill", "carol", "2026-11-22T10:00:00Z", "", ""});
  const auto latest = store->latest_signoff("todo-api", "backup-drill");
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->id, second);
  EXPECT_EQ(latest->signed_by, "bob");
  EXPECT_EQ(latest->signed_at, "2026-11-21T10:00:00Z");
  EXPECT_EQ(latest->commit, "cafe");
  EXPECT_FALSE(store->latest_signoff("todo-api", "notify-team"));
}

// SQLite only: the file.

TEST(Store, CreatesTheParentDirectory) {
  const test::TempDir dir;
  const auto db_path = default_db_path(dir.path());
  ASSERT_TRUE(Store::open(db_path));
  EXPECT_TRUE(std::filesystem::exists(db_path));
}

TEST(Store, UsesWalAndRecordsSchemaVersion) {
  const test::TempDir dir;
  const auto db_path = dir.path() / "history.db";
  ASSERT_TRUE(Store::open(db_path));
  const auto db = raw_open(db_path);
  EXPECT_EQ(query_text(db.get(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query_int(db.get(), "PRAGMA user_version"), latest_schema_version());
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

// A file written by the SQLite-only shipcheck (schema v2, its exact DDL) opens and reads.
TEST(Store, OpensAHistoryWrittenBeforePostgresSupport) {
  const test::TempDir dir;
  const auto db_path = dir.path() / "history.db";
  {
    const auto db = raw_open(db_path);
    exec(db.get(), sqlite_migration(0));
    exec(db.get(), sqlite_migration(1));
    exec(db.get(),
         "PRAGMA user_version = 2; INSERT INTO runs (started_at, service, project, score, "
         "min_score, verdict, duration_ms, summary, decided_by, git_commit) VALUES "
         "('2026-01-01T00:00:00Z', 'todo', '.', 80, 90, 'not-ready', 5, '{}', '[]', 'c0ffee'); "
         "INSERT INTO results (run_id, rule, title, family, severity, status, target, "
         "fingerprint, message, evidence, remediation, duration_ms) VALUES "
         "(1, 'R2', 't', 'env', 'low', 'fail', '', 'fp', 'second', '', '', 1), "
         "(1, 'R1', 't', 'env', 'low', 'pass', '', 'fp', 'first', '', '', 1)");
  }
  auto store = Store::open(db_path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->migrations_applied(), 0);
  ASSERT_EQ(store->recent_runs(5).size(), 1U);
  EXPECT_EQ(store->recent_runs(5)[0].commit, "c0ffee");
  const auto results = store->results_of(1);
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(results[0].message, "second");
  EXPECT_EQ(results[1].message, "first");
}

}  // namespace
}  // namespace shipcheck::store
