// WATCH001: the seeds' "monitor for 30 minutes" and their rollback triggers, as a result of
// the run: `shipcheck watch` records how each window ended in the project's history, and
// this reads the newest record of the service. A watch of another commit than HEAD says
// nothing about this deploy, so it is a skip, as is no watch at all.
#include "checks/watch/last_watch.h"

#include <fmt/format.h>

#include "checks/repo/git_facts.h"
#include "engines/watch/triggers.h"
#include "store/open.h"

namespace shipcheck::checks {
namespace {

constexpr const char* k_no_watch =
    "no watch recorded for this service: run `shipcheck watch` after the deploy";

std::string short_id(const std::string& commit) {
  return commit.substr(0, 7);
}

// HEAD of the project; "" outside git or when it cannot be read.
std::string head_of(const Context& ctx) {
  const GitFacts& git = git_facts(ctx);
  if (!git.error.empty() || !git.repo) {
    return {};
  }
  try {
    return git.repo->head_commit().value_or("");
  } catch (const std::exception&) {
    return {};
  }
}

std::string evidence_of(const store::WatchRow& w) {
  return fmt::format("watch #{} from {}, {}{}: health answered {} of {} polls; on_rollback: {}",
                     w.id, w.started_at,
                     watch::format_duration(std::chrono::seconds(w.duration_ms / 1000)),
                     w.commit.empty() ? "" : ", commit " + short_id(w.commit), w.healthy_polls,
                     w.polls, w.rollback.empty() ? "did not run" : w.rollback);
}

}  // namespace

LastWatch::LastWatch()
    : Check(RuleInfo{"WATCH001", "watch",
                     "The last watch after the deploy fired no rollback trigger", Severity::high,
                     "find why the trigger fired (the watch's evidence names the signal, its "
                     "value and since when), fix it, deploy again and watch again: "
                     "`shipcheck watch`"}) {}

std::vector<Result> LastWatch::run(const Context& ctx) const {
  const store::HistoryLocation where{ctx.root, ctx.config.store};
  auto db = store::open_history(where, store::Access::read);
  if (!db) {
    return {error(db.error())};
  }
  if (!*db) {
    return {skip(k_no_watch)};
  }
  std::vector<store::WatchRow> watches;
  try {
    watches = (*db)->recent_watches(1, ctx.config.service);
  } catch (const std::exception& e) {
    return {error(fmt::format("history database {}: {}", store::history_name(where), e.what()))};
  }
  if (watches.empty()) {
    return {skip(k_no_watch)};
  }
  const store::WatchRow& w = watches.front();
  const std::string head = head_of(ctx);
  if (!w.commit.empty() && !head.empty() && w.commit != head) {
    return {skip(fmt::format(
        "the last watch ({}) was of commit {}, not of HEAD ({}): watch this deploy with "
        "`shipcheck watch`",
        w.outcome, short_id(w.commit), short_id(head)))};
  }
  if (w.outcome == "fired") {
    return {
        fail(fmt::format("the watch from {} fired: {}", w.started_at, w.message), evidence_of(w))};
  }
  return {pass(fmt::format("the watch from {} {}", w.started_at, w.message), evidence_of(w))};
}

}  // namespace shipcheck::checks
