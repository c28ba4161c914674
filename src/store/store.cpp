// SQLite run store: open + migrate, record a run, read runs and results back.
#include "store/store.h"

#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/migrations.h"

namespace shipcheck::store {
namespace {

// Long enough to wait out another shipcheck recording a run; short enough not to hang CI.
constexpr int k_busy_timeout_ms = 5000;

DbHandle open_handle(const std::filesystem::path& db_path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    throw StoreError(raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
  }
  return db;
}

void configure(sqlite3* db) {
  sqlite3_busy_timeout(db, k_busy_timeout_ms);
  // The first statement that reads the file: a corrupt or foreign file fails here.
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA foreign_keys = ON");
}

std::string summary_text(const Summary& s) {
  return nlohmann::json{{"pass", s.pass}, {"fail", s.fail},   {"warn", s.warn},
                        {"skip", s.skip}, {"error", s.error}, {"manual", s.manual}}
      .dump();
}

Summary parse_summary(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  Summary s;
  if (!j.is_object()) {
    return s;
  }
  s.pass = j.value("pass", 0);
  s.fail = j.value("fail", 0);
  s.warn = j.value("warn", 0);
  s.skip = j.value("skip", 0);
  s.error = j.value("error", 0);
  s.manual = j.value("manual", 0);
  return s;
}

std::vector<std::string> parse_strings(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& item : j) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      }
    }
  }
  return out;
}

std::int64_t insert_run(sqlite3* db, const Report& report, const std::string& project_root,
                        const std::string& commit) {
  Statement stmt(db,
                 "INSERT INTO runs (started_at, service, project, score, min_score, verdict, "
                 "duration_ms, summary, decided_by, git_commit) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt.bind(1, report.started_at)
      .bind(2, report.service)
      .bind(3, project_root)
      .bind(4, std::int64_t{report.score})
      .bind(5, std::int64_t{report.min_score})
      .bind(6, report.ready ? "ready" : "not-ready")
      .bind(7, report.duration_ms)
      .bind(8, summary_text(report.summary))
      .bind(9, nlohmann::json(report.decided_by).dump())
      .bind(10, commit);
  stmt.step();
  return sqlite3_last_insert_rowid(db);
}

void bind_location(Statement& stmt, const std::optional<Location>& location) {
  if (!location) {
    stmt.bind_null(8).bind_null(9).bind_null(10).bind_null(11);
    return;
  }
  stmt.bind(8, location->file)
      .bind(9, std::int64_t{location->line})
      .bind(10, std::int64_t{location->column})
      .bind(11, location->commit);
}

void insert_result(Statement& stmt, std::int64_t run_id, const Result& r) {
  stmt.bind(1, run_id)
      .bind(2, r.rule)
      .bind(3, r.title)
      .bind(4, r.family)
      .bind(5, to_string(r.severity))
      .bind(6, to_string(r.status))
      .bind(7, r.target);
  bind_location(stmt, r.location);
  stmt.bind(12, r.fingerprint)
      .bind(13, r.message)
      .bind(14, r.evidence)
      .bind(15, r.remediation)
      .bind(16, r.duration_ms);
  if (r.suppressed) {
    stmt.bind(17, r.suppressed->reason).bind(18, r.suppressed->source);
  } else {
    stmt.bind_null(17).bind_null(18);
  }
  stmt.step();
}

RunRow read_run(const Statement& stmt) {
  RunRow row;
  row.id = stmt.integer(0);
  row.started_at = stmt.text(1);
  row.service = stmt.text(2);
  row.project = stmt.text(3);
  row.score = static_cast<int>(stmt.integer(4));
  row.min_score = static_cast<int>(stmt.integer(5));
  row.ready = stmt.text(6) == "ready";
  row.duration_ms = stmt.integer(7);
  row.summary = parse_summary(stmt.text(8));
  row.decided_by = parse_strings(stmt.text(9));
  row.commit = stmt.text(10);
  return row;
}

std::optional<Location> read_location(const Statement& stmt) {
  if (stmt.is_null(6)) {
    return std::nullopt;
  }
  return Location{stmt.text(6), static_cast<int>(stmt.integer(7)),
                  static_cast<int>(stmt.integer(8)), stmt.text(9)};
}

Result read_result(const Statement& stmt) {
  Result r;
  r.rule = stmt.text(0);
  r.title = stmt.text(1);
  r.family = stmt.text(2);
  // A value from a newer build that this one does not know reads as the safe side.
  r.severity = parse_severity(stmt.text(3)).value_or(Severity::info);
  r.status = parse_status(stmt.text(4)).value_or(Status::error);
  r.target = stmt.text(5);
  r.location = read_location(stmt);
  r.fingerprint = stmt.text(10);
  r.message = stmt.text(11);
  r.evidence = stmt.text(12);
  r.remediation = stmt.text(13);
  r.duration_ms = stmt.integer(14);
  if (!stmt.is_null(15)) {
    r.suppressed = SuppressionNote{stmt.text(15), stmt.text(16)};
  }
  return r;
}

}  // namespace

std::filesystem::path default_db_path(const std::filesystem::path& project_root) {
  return project_root / ".shipcheck" / "history.db";
}

tl::expected<Store, std::string> Store::open(const std::filesystem::path& db_path) {
  try {
    if (db_path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(db_path.parent_path(), ec);
      if (ec) {
        throw StoreError(
            fmt::format("cannot create {}: {}", db_path.parent_path().string(), ec.message()));
      }
    }
    DbHandle db = open_handle(db_path);
    configure(db.get());
    const int applied = migrate(db.get());
    const int version = read_schema_version(db.get());
    return Store(std::move(db), version, applied);
  } catch (const StoreError& e) {
    return tl::unexpected(fmt::format("history database {}: {}", db_path.string(), e.what()));
  }
}

tl::expected<Store, std::string> Store::open_for_project(const std::filesystem::path& root) {
  const auto db_path = default_db_path(root);
  std::error_code ec;
  std::filesystem::create_directories(db_path.parent_path(), ec);
  if (!std::filesystem::exists(db_path.parent_path() / ".gitignore", ec)) {
    std::ofstream(db_path.parent_path() / ".gitignore")
        << "# created by shipcheck: its run history stays local\n*\n";
  }
  return open(db_path);
}

std::int64_t Store::record_run(const Report& report, const std::string& project_root,
                               const std::string& commit) {
  Transaction tx(m_db.get());
  const std::int64_t run_id = insert_run(m_db.get(), report, project_root, commit);
  Statement stmt(m_db.get(),
                 "INSERT INTO results (run_id, rule, title, family, severity, status, target, "
                 "file, line, col, git_commit, fingerprint, message, evidence, remediation, "
                 "duration_ms, suppressed_reason, suppressed_source) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& r : report.results) {
    insert_result(stmt, run_id, r);
    stmt.reset();
  }
  tx.commit();
  return run_id;
}

std::vector<RunRow> Store::recent_runs(int limit) const {
  Statement stmt(m_db.get(),
                 "SELECT id, started_at, service, project, score, min_score, verdict, "
                 "duration_ms, summary, decided_by, git_commit FROM runs ORDER BY id DESC "
                 "LIMIT ?");
  stmt.bind(1, std::int64_t{limit});
  std::vector<RunRow> rows;
  while (stmt.step()) {
    rows.push_back(read_run(stmt));
  }
  return rows;
}

std::optional<RunRow> Store::run(std::int64_t run_id) const {
  Statement stmt(m_db.get(),
                 "SELECT id, started_at, service, project, score, min_score, verdict, "
                 "duration_ms, summary, decided_by, git_commit FROM runs WHERE id = ?");
  stmt.bind(1, run_id);
  if (!stmt.step()) {
    return std::nullopt;
  }
  return read_run(stmt);
}

std::vector<Result> Store::results_of(std::int64_t run_id) const {
  Statement stmt(m_db.get(),
                 "SELECT rule, title, family, severity, status, target, file, line, col, "
                 "git_commit, fingerprint, message, evidence, remediation, duration_ms, "
                 "suppressed_reason, suppressed_source FROM results WHERE run_id = ? "
                 "ORDER BY rowid");
  stmt.bind(1, run_id);
  std::vector<Result> results;
  while (stmt.step()) {
    results.push_back(read_result(stmt));
  }
  return results;
}

}  // namespace shipcheck::store
