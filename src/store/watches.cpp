// The watches table (migration v2): `shipcheck watch` records how each window ended, and
// WATCH001 and `history` read it back.
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace shipcheck::store {
namespace {

WatchRow read_watch(const Row& row) {
  WatchRow watch;
  watch.id = row.integer(0);
  watch.started_at = row.text(1);
  watch.service = row.text(2);
  watch.project = row.text(3);
  watch.commit = row.text(4);
  watch.duration_ms = row.integer(5);
  watch.outcome = row.text(6);
  watch.trigger = row.text(7);
  watch.message = row.text(8);
  watch.healthy_polls = row.integer(9);
  watch.polls = row.integer(10);
  watch.rollback = row.text(11);
  // A value that is not a number (written by a newer build) is left out, not misread.
  const auto baselines = nlohmann::json::parse(row.text(12), nullptr, false);
  if (baselines.is_object()) {
    for (const auto& [name, value] : baselines.items()) {
      if (value.is_number()) {
        watch.baselines[name] = value.get<double>();
      }
    }
  }
  return watch;
}

}  // namespace

std::int64_t Store::record_watch(const WatchRow& watch) {
  return m_db
      ->query(
          "INSERT INTO watches (started_at, service, project, git_commit, duration_ms, "
          "outcome, trigger_text, message, healthy_polls, polls, rollback, baselines) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {watch.started_at, watch.service, watch.project, watch.commit, watch.duration_ms,
           watch.outcome, watch.trigger, watch.message, watch.healthy_polls, watch.polls,
           watch.rollback, nlohmann::json(watch.baselines).dump()})
      .at(0)
      .integer(0);
}

std::vector<WatchRow> Store::recent_watches(int limit, const std::string& service) const {
  std::vector<WatchRow> watches;
  for (const auto& row :
       m_db->query("SELECT id, started_at, service, project, git_commit, duration_ms, outcome, "
                   "trigger_text, message, healthy_polls, polls, rollback, baselines FROM watches "
                   "WHERE CAST(? AS TEXT) = '' OR service = ? ORDER BY id DESC LIMIT ?",
                   {service, service, std::int64_t{limit}})) {
    watches.push_back(read_watch(row));
  }
  return watches;
}

}  // namespace shipcheck::store
