// `shipcheck history [DIR]`: the runs and the watches recorded in the project's history,
// newest first, as a table or JSON (shipcheck.history/v1).
#include "cli/history.h"

#include <algorithm>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "engines/watch/triggers.h"
#include "store/open.h"

namespace shipcheck::cli {
namespace {

// One line of the history: a run or a watch.
struct Entry {
  std::string started_at;
  std::optional<store::RunRow> run;
  std::optional<store::WatchRow> watch;
};

std::vector<Entry> merged(std::vector<store::RunRow> runs, std::vector<store::WatchRow> watches,
                          std::size_t limit) {
  std::vector<Entry> entries;
  for (auto& r : runs) {
    entries.push_back(Entry{r.started_at, std::move(r), std::nullopt});
  }
  for (auto& w : watches) {
    entries.push_back(Entry{w.started_at, std::nullopt, std::move(w)});
  }
  // Newest first; a run and a watch started in the same second keep run-then-watch order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.started_at > b.started_at; });
  entries.resize(std::min(entries.size(), limit));
  return entries;
}

std::string short_commit(const std::string& commit) {
  return commit.empty() ? "-" : commit.substr(0, 7);
}

std::string took(std::int64_t ms) {
  return ms < 1000 ? fmt::format("{}ms", ms)
                   : fmt::format("{:.1f}s", static_cast<double>(ms) / 1e3);
}

std::string run_result(const store::RunRow& r) {
  const int failed = r.summary.fail + r.summary.error;
  return r.ready ? "ready" : fmt::format("not ready ({} failed)", failed);
}

std::string watch_result(const store::WatchRow& w) {
  if (w.outcome == "fired") {
    return "fired: " + w.trigger;
  }
  return w.outcome == "stable" ? "stable" : "held";
}

void print_table(const std::vector<Entry>& entries) {
  fmt::print("{:>5}  {:<19}  {:<5}  {:<7}  {:<40}  {:>6}  {:>7}\n", "id", "when (UTC)", "kind",
             "commit", "result", "score", "took");
  for (const auto& e : entries) {
    if (e.run) {
      const auto& r = *e.run;
      fmt::print("{:>5}  {:<19}  {:<5}  {:<7}  {:<40}  {:>6}  {:>7}\n", r.id,
                 short_time(r.started_at), "run", short_commit(r.commit), run_result(r),
                 fmt::format("{}/{}", r.score, r.min_score), took(r.duration_ms));
    } else {
      const auto& w = *e.watch;
      fmt::print("{:>5}  {:<19}  {:<5}  {:<7}  {:<40}  {:>6}  {:>7}\n", fmt::format("w{}", w.id),
                 short_time(w.started_at), "watch", short_commit(w.commit), watch_result(w), "",
                 watch::format_duration(std::chrono::seconds(w.duration_ms / 1000)));
    }
  }
}

nlohmann::json run_json(const store::RunRow& r) {
  return {{"kind", "run"},
          {"id", r.id},
          {"started_at", r.started_at},
          {"service", r.service},
          {"commit", r.commit},
          {"score", r.score},
          {"min_score", r.min_score},
          {"verdict", r.ready ? "ready" : "not-ready"},
          {"duration_ms", r.duration_ms},
          {"summary",
           {{"pass", r.summary.pass},
            {"fail", r.summary.fail},
            {"warn", r.summary.warn},
            {"skip", r.summary.skip},
            {"error", r.summary.error},
            {"manual", r.summary.manual}}},
          {"decided_by", r.decided_by}};
}

nlohmann::json watch_json(const store::WatchRow& w) {
  return {{"kind", "watch"},
          {"id", w.id},
          {"started_at", w.started_at},
          {"service", w.service},
          {"commit", w.commit},
          {"outcome", w.outcome},
          {"trigger", w.trigger},
          {"message", w.message},
          {"duration_ms", w.duration_ms},
          {"healthy_polls", w.healthy_polls},
          {"polls", w.polls},
          {"rollback", w.rollback}};
}

}  // namespace

std::string short_time(const std::string& rfc3339) {
  if (rfc3339.size() >= 19 && rfc3339[10] == 'T') {
    return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 8);
  }
  return rfc3339;
}

tl::expected<std::optional<store::Store>, std::string> open_history(const std::string& dir,
                                                                    const std::string& config) {
  auto resolved = resolve_config_in(dir, config);
  if (!resolved) {
    return tl::make_unexpected(resolved.error().to_string());
  }
  return store::open_history(store::history_location(*resolved), store::Access::read);
}

int history_command(const Args& args) {
  CLI::App app{"shipcheck history: the runs and watches recorded for this project",
               "shipcheck history"};
  std::string dir = ".";
  std::string config;
  std::string format = "text";
  int limit = 20;
  app.add_option("dir", dir, "project directory (default: .)");
  app.add_option("--config", config, "config file (default: shipcheck.yaml in DIR or above)");
  app.add_option("--limit,-n", limit, "how many entries (default 20)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--format,-f", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  auto db = open_history(dir, config);
  if (!db) {
    fmt::print(stderr, "shipcheck history: {}\n", db.error());
    return k_exit_usage;
  }
  std::vector<Entry> entries;
  if (*db) {
    try {
      entries = merged((*db)->recent_runs(limit), (*db)->recent_watches(limit),
                       static_cast<std::size_t>(limit));
    } catch (const std::exception& e) {
      fmt::print(stderr, "shipcheck history: {}\n", e.what());
      return k_exit_internal;
    }
  }
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries) {
      out.push_back(e.run ? run_json(*e.run) : watch_json(*e.watch));
    }
    fmt::print("{}\n",
               nlohmann::json{{"schema", "shipcheck.history/v1"}, {"entries", out}}.dump(2));
    return k_exit_ok;
  }
  if (entries.empty()) {
    fmt::print(
        "no runs or watches recorded yet: `shipcheck run` and `shipcheck watch` record "
        "theirs in the project's history (.shipcheck/history.db, or the database `store:` "
        "names)\n");
    return k_exit_ok;
  }
  print_table(entries);
  return k_exit_ok;
}

}  // namespace shipcheck::cli
