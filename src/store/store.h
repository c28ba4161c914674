// Run history (DESIGN.md: `.shipcheck/history.db`, or the PostgreSQL database `store:` names),
// read by `history` and `diff`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/report.h"
#include "core/result.h"
#include "store/db.h"

namespace shipcheck::store {

// The default history database of a project.
std::filesystem::path default_db_path(const std::filesystem::path& project_root);

// One recorded run, as `history` lists it.
struct RunRow {
  std::int64_t id = 0;
  std::string started_at;
  std::string service;
  std::string project;
  int score = 0;
  int min_score = 0;
  bool ready = false;  // stored as verdict "ready" | "not-ready"
  std::int64_t duration_ms = 0;
  Summary summary;
  std::vector<std::string> decided_by;
  std::string commit;  // HEAD when the run checked the project; "" outside git or before v2
};

// One recorded `shipcheck watch`: how its window ended.
struct WatchRow {
  std::int64_t id = 0;
  std::string started_at;  // RFC 3339, UTC
  std::string service;
  std::string project;
  std::string commit;  // HEAD of the project when watched; "" outside git
  std::int64_t duration_ms = 0;
  std::string outcome;  // "passed" (the window ended), "stable" (watch.success), "fired"
  std::string trigger;  // the trigger that fired; "" otherwise
  std::string message;  // the closing line, as printed
  std::int64_t healthy_polls = 0;
  std::int64_t polls = 0;
  std::string rollback;  // how on_rollback ended ("exit status 0"); "" when it did not run
  // Each watched signal's median over the window, by watch::signal_name ("p95" -> 0.12).
  std::map<std::string, double> baselines;
};

// One human sign-off of a manual item (`shipcheck signoff`).
struct SignoffRow {
  std::int64_t id = 0;
  std::string service;
  std::string item;
  std::string signed_by;
  std::string signed_at;  // RFC 3339, UTC
  std::string note;
  std::string commit;  // the commit it vouches for; "" = any
};

// A connection to the history database, SQLite or PostgreSQL (store/db.h). Movable, not
// copyable, not for concurrent use from several threads; several processes may share one
// file (WAL mode, busy timeout) or one PostgreSQL database. After opening succeeds, the other
// members throw StoreError if the database fails (disk full, locked past the busy timeout,
// connection lost).
class Store {
 public:
  // Opens or creates the SQLite file `db_path` (and its parent directory), enables WAL and a
  // busy timeout, and applies pending migrations. The error names the path and the reason:
  // unreadable, not a database, or written by a newer shipcheck.
  static tl::expected<Store, std::string> open(const std::filesystem::path& db_path);
  // Connects to the PostgreSQL database `url` and applies pending migrations. With `create`
  // off, a database holding no history yet is left untouched and gives nullopt. Errors name
  // the database without the password.
  static tl::expected<std::optional<Store>, std::string> open_url(std::string_view url,
                                                                  bool create = true);
  // Opens the project's default database, first creating .shipcheck/ with a .gitignore that
  // keeps the history out of the repository.
  static tl::expected<Store, std::string> open_for_project(const std::filesystem::path& root);

  // Stores `report` (already redacted) and all its results in one transaction; returns the
  // new run's id.
  std::int64_t record_run(const Report& report, const std::string& project_root,
                          const std::string& commit = {});

  // The latest `limit` runs, newest first.
  std::vector<RunRow> recent_runs(int limit) const;
  // Run `run_id`; nullopt for an unknown id.
  std::optional<RunRow> run(std::int64_t run_id) const;

  // The results of run `run_id` in recorded order; empty for an unknown id.
  std::vector<Result> results_of(std::int64_t run_id) const;

  // Stores one watch's outcome; returns its id. (Definitions: store/watches.cpp.)
  std::int64_t record_watch(const WatchRow& watch);

  // The latest `limit` watches, newest first; only `service`'s unless it is empty.
  std::vector<WatchRow> recent_watches(int limit, const std::string& service = {}) const;

  // Stores a sign-off; returns its id. The newest sign-off of `item` for `service`, if any.
  // (Definitions: store/signoffs.cpp.)
  std::int64_t record_signoff(const SignoffRow& signoff);
  std::optional<SignoffRow> latest_signoff(const std::string& service,
                                           const std::string& item) const;

  int schema_version() const { return m_schema_version; }
  // How many migration steps open() applied (0 when the database was already current).
  int migrations_applied() const { return m_migrations_applied; }

 private:
  Store(std::unique_ptr<Db> db, int schema_version, int migrations_applied)
      : m_db(std::move(db)),
        m_schema_version(schema_version),
        m_migrations_applied(migrations_applied) {}
  static std::optional<Store> migrated(std::unique_ptr<Db> db, bool create);

  std::unique_ptr<Db> m_db;
  int m_schema_version = 0;
  int m_migrations_applied = 0;
};

}  // namespace shipcheck::store
