// The watches table (migration v2): `shipcheck watch` records how each window ended, and
// WATCH001 and `history` read it back.
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace shipcheck::store {
namespace {

WatchRow read_watch(const Statement& stmt) {
  WatchRow row;
  row.id = stmt.integer(0);
  row.started_at = stmt.text(1);
  row.service = stmt.text(2);
  row.project = stmt.text(3);
  row.commit = stmt.text(4);
  row.duration_ms = stmt.integer(5);
  row.outcome = stmt.text(6);
  row.trigger = stmt.text(7);
  row.message = stmt.text(8);
  row.healthy_polls = stmt.integer(9);
  row.polls = stmt.integer(10);
  row.rollback = stmt.text(11);
  // A value that is not a number (written by a newer build) is left out, not misread.
  const auto baselines = nlohmann::json::parse(stmt.text(12), nullptr, false);
  if (baselines.is_object()) {
    for (const auto& [name, value] : baselines.items()) {
      if (value.is_number()) {
        row.baselines[name] = value.get<double>();
      }
    }
  }
  return row;
}

}  // namespace

std::int64_t Store::record_watch(const WatchRow& watch) {
  Statement stmt(m_db.get(),
                 "INSERT INTO watches (started_at, service, project, git_commit, duration_ms, "
                 "outcome, trigger_text, message, healthy_polls, polls, rollback, baselines) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt.bind(1, watch.started_at)
      .bind(2, watch.service)
      .bind(3, watch.project)
      .bind(4, watch.commit)
      .bind(5, watch.duration_ms)
      .bind(6, watch.outcome)
      .bind(7, watch.trigger)
      .bind(8, watch.message)
      .bind(9, watch.healthy_polls)
      .bind(10, watch.polls)
      .bind(11, watch.rollback)
      .bind(12, nlohmann::json(watch.baselines).dump());
  stmt.step();
  return sqlite3_last_insert_rowid(m_db.get());
}

std::vector<WatchRow> Store::recent_watches(int limit, const std::string& service) const {
  Statement stmt(m_db.get(),
                 "SELECT id, started_at, service, project, git_commit, duration_ms, outcome, "
                 "trigger_text, message, healthy_polls, polls, rollback, baselines FROM watches "
                 "WHERE ? = '' OR service = ? ORDER BY id DESC LIMIT ?");
  stmt.bind(1, service).bind(2, service).bind(3, std::int64_t{limit});
  std::vector<WatchRow> rows;
  while (stmt.step()) {
    rows.push_back(read_watch(stmt));
  }
  return rows;
}

}  // namespace shipcheck::store
