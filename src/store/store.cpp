// The run store over either backend: open + migrate, record a run, read runs and results back.
#include "store/store.h"

#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/postgres.h"
#include "store/sqlite.h"

namespace shipcheck::store {
namespace {

constexpr std::string_view k_run_columns =
    "SELECT id, started_at, service, project, score, min_score, verdict, duration_ms, summary, "
    "decided_by, git_commit FROM runs ";

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

std::int64_t insert_run(Db& db, const Report& report, const std::string& project_root,
                        const std::string& commit) {
  const auto rows = db.query(
      "INSERT INTO runs (started_at, service, project, score, min_score, verdict, duration_ms, "
      "summary, decided_by, git_commit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {report.started_at, report.service, project_root, std::int64_t{report.score},
       std::int64_t{report.min_score}, std::string(report.ready ? "ready" : "not-ready"),
       report.duration_ms, summary_text(report.summary), nlohmann::json(report.decided_by).dump(),
       commit});
  return rows.at(0).integer(0);
}

// The location's and the suppression's columns, NULL when the result has none.
std::vector<Value> optional_columns(const Result& r) {
  const Value null(nullptr);
  const auto& at = r.location;
  const auto& sup = r.suppressed;
  return {at ? Value(at->file) : null,
          at ? Value(std::int64_t{at->line}) : null,
          at ? Value(std::int64_t{at->column}) : null,
          at ? Value(at->commit) : null,
          sup ? Value(sup->reason) : null,
          sup ? Value(sup->source) : null};
}

void insert_result(Db& db, std::int64_t run_id, const Result& r) {
  const auto opt = optional_columns(r);
  db.query(
      "INSERT INTO results (run_id, rule, title, family, severity, status, target, file, line, "
      "col, git_commit, fingerprint, message, evidence, remediation, duration_ms, "
      "suppressed_reason, suppressed_source) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {run_id, r.rule, r.title, r.family, std::string(to_string(r.severity)),
       std::string(to_string(r.status)), r.target, opt[0], opt[1], opt[2], opt[3], r.fingerprint,
       r.message, r.evidence, r.remediation, r.duration_ms, opt[4], opt[5]});
}

RunRow read_run(const Row& row) {
  RunRow run;
  run.id = row.integer(0);
  run.started_at = row.text(1);
  run.service = row.text(2);
  run.project = row.text(3);
  run.score = static_cast<int>(row.integer(4));
  run.min_score = static_cast<int>(row.integer(5));
  run.ready = row.text(6) == "ready";
  run.duration_ms = row.integer(7);
  run.summary = parse_summary(row.text(8));
  run.decided_by = parse_strings(row.text(9));
  run.commit = row.text(10);
  return run;
}

std::optional<Location> read_location(const Row& row) {
  if (row.is_null(6)) {
    return std::nullopt;
  }
  return Location{row.text(6), static_cast<int>(row.integer(7)), static_cast<int>(row.integer(8)),
                  row.text(9)};
}

Result read_result(const Row& row) {
  Result r;
  r.rule = row.text(0);
  r.title = row.text(1);
  r.family = row.text(2);
  // A value from a newer build that this one does not know reads as the safe side.
  r.severity = parse_severity(row.text(3)).value_or(Severity::info);
  r.status = parse_status(row.text(4)).value_or(Status::error);
  r.target = row.text(5);
  r.location = read_location(row);
  r.fingerprint = row.text(10);
  r.message = row.text(11);
  r.evidence = row.text(12);
  r.remediation = row.text(13);
  r.duration_ms = row.integer(14);
  if (!row.is_null(15)) {
    r.suppressed = SuppressionNote{row.text(15), row.text(16)};
  }
  return r;
}

}  // namespace

std::filesystem::path default_db_path(const std::filesystem::path& project_root) {
  return project_root / ".shipcheck" / "history.db";
}

// Migrates `db` and wraps it; nullopt when `create` is off and the database holds no history.
std::optional<Store> Store::migrated(std::unique_ptr<Db> db, bool create) {
  if (!create && db->schema_version() == 0) {
    return std::nullopt;
  }
  const int applied = migrate(*db);
  const int version = db->schema_version();
  return Store(std::move(db), version, applied);
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
    return std::move(*migrated(open_sqlite(db_path), true));
  } catch (const StoreError& e) {
    return tl::unexpected(fmt::format("history database {}: {}", db_path.string(), e.what()));
  }
}

tl::expected<std::optional<Store>, std::string> Store::open_url(std::string_view url, bool create) {
  try {
    return migrated(open_postgres(url), create);
  } catch (const StoreError& e) {
    return tl::unexpected(fmt::format("history database {}: {}", postgres_display(url), e.what()));
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
  Transaction tx(*m_db);
  const std::int64_t run_id = insert_run(*m_db, report, project_root, commit);
  for (const auto& r : report.results) {
    insert_result(*m_db, run_id, r);
  }
  tx.commit();
  return run_id;
}

std::vector<RunRow> Store::recent_runs(int limit) const {
  std::vector<RunRow> runs;
  for (const auto& row : m_db->query(fmt::format("{}ORDER BY id DESC LIMIT ?", k_run_columns),
                                     {std::int64_t{limit}})) {
    runs.push_back(read_run(row));
  }
  return runs;
}

std::optional<RunRow> Store::run(std::int64_t run_id) const {
  const auto rows = m_db->query(fmt::format("{}WHERE id = ?", k_run_columns), {run_id});
  if (rows.empty()) {
    return std::nullopt;
  }
  return read_run(rows.front());
}

std::vector<Result> Store::results_of(std::int64_t run_id) const {
  std::vector<Result> results;
  for (const auto& row : m_db->query(
           "SELECT rule, title, family, severity, status, target, file, line, col, git_commit, "
           "fingerprint, message, evidence, remediation, duration_ms, suppressed_reason, "
           "suppressed_source FROM results WHERE run_id = ? ORDER BY rowid",
           {run_id})) {
    results.push_back(read_result(row));
  }
  return results;
}

}  // namespace shipcheck::store
