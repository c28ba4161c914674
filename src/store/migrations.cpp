// The migration steps and the loop that applies them.
#include "store/migrations.h"

#include <array>

#include <fmt/format.h>

namespace shipcheck::store {
namespace {

// v1: runs and their results. `summary` and `decided_by` are JSON text; results.file is NULL
// for a result without a location, suppressed_reason NULL unless suppressed.
constexpr std::string_view k_v1 = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  service TEXT NOT NULL,
  project TEXT NOT NULL,
  score INTEGER NOT NULL,
  min_score INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('ready', 'not-ready')),
  duration_ms INTEGER NOT NULL,
  summary TEXT NOT NULL,
  decided_by TEXT NOT NULL
);
CREATE TABLE results (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  title TEXT NOT NULL,
  family TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  target TEXT NOT NULL,
  file TEXT,
  line INTEGER,
  col INTEGER,
  git_commit TEXT,
  fingerprint TEXT NOT NULL,
  message TEXT NOT NULL,
  evidence TEXT NOT NULL,
  remediation TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  suppressed_reason TEXT,
  suppressed_source TEXT
);
CREATE INDEX results_by_run ON results(run_id);
CREATE INDEX results_by_fingerprint ON results(fingerprint);
CREATE INDEX runs_by_service ON runs(service, started_at);
)sql";

// v2: the outcomes of `shipcheck watch`. git_commit, trigger_text and rollback are "" when
// there is none; polls count the health polls, healthy_polls those answered 2xx; baselines
// is a JSON object of each signal's median over the window ({"p95": 0.12}), which the next
// watch's "K * baseline" bounds may start from. Runs get the commit they checked ("" before).
// Sign-offs of manual items: who, when, a note, and the commit they are tied to ("" = not tied to
// one).
constexpr std::string_view k_v2 = R"sql(
CREATE TABLE watches (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  service TEXT NOT NULL,
  project TEXT NOT NULL,
  git_commit TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'stable', 'fired')),
  trigger_text TEXT NOT NULL,
  message TEXT NOT NULL,
  healthy_polls INTEGER NOT NULL,
  polls INTEGER NOT NULL,
  rollback TEXT NOT NULL,
  baselines TEXT NOT NULL
);
CREATE INDEX watches_by_service ON watches(service, id);
ALTER TABLE runs ADD COLUMN git_commit TEXT NOT NULL DEFAULT '';
CREATE TABLE signoffs (
  id INTEGER PRIMARY KEY,
  service TEXT NOT NULL,
  item TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  note TEXT NOT NULL,
  git_commit TEXT NOT NULL
);
CREATE INDEX signoffs_by_item ON signoffs(service, item, id);
)sql";

constexpr std::array<std::string_view, 2> k_migrations{k_v1, k_v2};

// What PostgreSQL adds to each step. Results are read back "ORDER BY rowid": SQLite's implicit
// row id, and on PostgreSQL a column of that name, so that the query reads the same on both.
constexpr std::array<std::string_view, 2> k_postgres_additions{
    "ALTER TABLE results ADD COLUMN rowid BIGSERIAL PRIMARY KEY;\n", ""};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

int known_version(int version) {
  if (version < 0 || version > static_cast<int>(k_migrations.size())) {
    throw StoreError(
        fmt::format("schema version {} is newer than this shipcheck knows ({}); upgrade shipcheck",
                    version, static_cast<int>(k_migrations.size())));
  }
  return version;
}

std::span<const std::string_view> migrations() {
  return k_migrations;
}

int latest_schema_version() {
  return static_cast<int>(k_migrations.size());
}

std::string sqlite_migration(std::size_t step) {
  return std::string(k_migrations.at(step));
}

std::string postgres_migration(std::size_t step) {
  // SQLite's INTEGER holds 64 bits, and its INTEGER PRIMARY KEY numbers rows by itself.
  std::string sql(k_migrations.at(step));
  replace_all(sql, "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY");
  replace_all(sql, "INTEGER", "BIGINT");
  return sql + std::string(k_postgres_additions.at(step));
}

int migrate(Db& db) {
  // Read first without the lock: an up-to-date database (the usual case) stays read-only.
  if (known_version(db.schema_version()) == latest_schema_version()) {
    return 0;
  }
  int applied = 0;
  while (true) {
    Transaction tx(db);
    db.lock_schema();
    const int version = known_version(db.schema_version());
    if (version == latest_schema_version()) {
      tx.commit();
      return applied;
    }
    db.exec(db.migration_sql(static_cast<std::size_t>(version)));
    db.set_schema_version(version + 1);
    tx.commit();
    ++applied;
  }
}

}  // namespace shipcheck::store
