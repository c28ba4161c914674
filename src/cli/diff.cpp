// `shipcheck diff [A] [B]`: what changed between two recorded runs (by default the two
// newest): the score and verdict, failures that are new in B, failures of A that B no longer
// has (fixed), and failures of both whose message or evidence changed.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/history.h"
#include "cli/options.h"

namespace shipcheck::cli {
namespace {

struct Changed {
  Result before;
  Result after;
};

struct RunDiff {
  std::vector<Result> new_failures;
  std::vector<Result> fixed;
  std::vector<Changed> changed;
};

bool failing(const Result& r) {
  return r.status == Status::fail || r.status == Status::error;
}

// Where a result is about: its rule, target and file. A finding whose message carries a
// count ("3 commits after v1.2") gets a new fingerprint when the count moves; matched on
// this instead, it is one changed failure rather than a fixed one and a new one.
std::string slot_of(const Result& r) {
  return fmt::format("{}\n{}\n{}", r.rule, r.target, r.location ? r.location->file : "");
}

std::map<std::string, const Result*> failures_by_fingerprint(const std::vector<Result>& results) {
  std::map<std::string, const Result*> out;
  for (const auto& r : results) {
    if (failing(r)) {
      out.emplace(r.fingerprint, &r);
    }
  }
  return out;
}

// Moves each new failure that has exactly one fixed failure in its slot (and vice versa)
// into `changed`.
void pair_by_slot(RunDiff& diff) {
  std::map<std::string, std::vector<std::size_t>> fixed_at, new_at;
  for (std::size_t i = 0; i < diff.fixed.size(); ++i) {
    fixed_at[slot_of(diff.fixed[i])].push_back(i);
  }
  for (std::size_t i = 0; i < diff.new_failures.size(); ++i) {
    new_at[slot_of(diff.new_failures[i])].push_back(i);
  }
  std::vector<bool> fixed_paired(diff.fixed.size()), new_paired(diff.new_failures.size());
  for (const auto& [slot, news] : new_at) {
    const auto fixed = fixed_at.find(slot);
    if (news.size() == 1 && fixed != fixed_at.end() && fixed->second.size() == 1) {
      diff.changed.push_back({diff.fixed[fixed->second[0]], diff.new_failures[news[0]]});
      fixed_paired[fixed->second[0]] = true;
      new_paired[news[0]] = true;
    }
  }
  const auto keep_unpaired = [](std::vector<Result>& results, const std::vector<bool>& paired) {
    std::vector<Result> kept;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!paired[i]) {
        kept.push_back(std::move(results[i]));
      }
    }
    results = std::move(kept);
  };
  keep_unpaired(diff.fixed, fixed_paired);
  keep_unpaired(diff.new_failures, new_paired);
}

RunDiff diff_results(const std::vector<Result>& before, const std::vector<Result>& after) {
  const auto was = failures_by_fingerprint(before);
  const auto now = failures_by_fingerprint(after);
  RunDiff diff;
  for (const auto& [fingerprint, r] : now) {
    const auto old = was.find(fingerprint);
    if (old == was.end()) {
      diff.new_failures.push_back(*r);
    } else if (old->second->message != r->message || old->second->evidence != r->evidence ||
               old->second->status != r->status) {
      diff.changed.push_back({*old->second, *r});
    }
  }
  for (const auto& [fingerprint, r] : was) {
    if (!now.contains(fingerprint)) {
      diff.fixed.push_back(*r);
    }
  }
  pair_by_slot(diff);
  return diff;
}

std::string where(const Result& r) {
  if (r.location && !r.location->file.empty()) {
    return r.location->line > 0 ? fmt::format("{}:{}", r.location->file, r.location->line)
                                : r.location->file;
  }
  return r.target;
}

std::string line_of(const Result& r) {
  return fmt::format("{:<7} {:<8} {}  {}{}", r.rule, to_string(r.severity), where(r), r.message,
                     r.evidence.empty() ? "" : fmt::format(" ({})", r.evidence));
}

std::string run_title(const store::RunRow& run) {
  return fmt::format("run {} ({}{})", run.id, short_time(run.started_at),
                     run.commit.empty() ? "" : ", " + run.commit.substr(0, 7));
}

void print_text(const store::RunRow& a, const store::RunRow& b, const RunDiff& d) {
  fmt::print("{} -> {}\n", run_title(a), run_title(b));
  fmt::print("score {} -> {} (min {}); {} -> {}\n", a.score, b.score, b.min_score,
             a.ready ? "ready" : "not ready", b.ready ? "ready" : "not ready");
  if (d.new_failures.empty() && d.fixed.empty() && d.changed.empty()) {
    fmt::print("no failure is new, fixed or changed\n");
    return;
  }
  const auto section = [](std::string_view title, const std::vector<Result>& results) {
    if (results.empty()) {
      return;
    }
    fmt::print("{} ({}):\n", title, results.size());
    for (const auto& r : results) {
      fmt::print("  {}\n", line_of(r));
    }
  };
  section("new failures", d.new_failures);
  section("fixed", d.fixed);
  if (!d.changed.empty()) {
    fmt::print("changed ({}):\n", d.changed.size());
    for (const auto& c : d.changed) {
      fmt::print("  {}\n    was: {}\n", line_of(c.after), line_of(c.before));
    }
  }
}

nlohmann::json result_json(const Result& r) {
  nlohmann::json j{{"rule", r.rule},
                   {"title", r.title},
                   {"severity", to_string(r.severity)},
                   {"status", to_string(r.status)},
                   {"target", r.target},
                   {"fingerprint", r.fingerprint},
                   {"message", r.message},
                   {"evidence", r.evidence}};
  if (r.location) {
    j["location"] = {{"file", r.location->file}, {"line", r.location->line}};
  }
  return j;
}

nlohmann::json run_summary_json(const store::RunRow& run) {
  return {{"id", run.id},
          {"started_at", run.started_at},
          {"commit", run.commit},
          {"score", run.score},
          {"verdict", run.ready ? "ready" : "not-ready"}};
}

void print_json(const store::RunRow& a, const store::RunRow& b, const RunDiff& d) {
  nlohmann::json added = nlohmann::json::array(), fixed = nlohmann::json::array(),
                 changed = nlohmann::json::array();
  for (const auto& r : d.new_failures) {
    added.push_back(result_json(r));
  }
  for (const auto& r : d.fixed) {
    fixed.push_back(result_json(r));
  }
  for (const auto& c : d.changed) {
    changed.push_back({{"before", result_json(c.before)}, {"after", result_json(c.after)}});
  }
  fmt::print("{}\n", nlohmann::json{{"schema", "shipcheck.diff/v1"},
                                    {"from", run_summary_json(a)},
                                    {"to", run_summary_json(b)},
                                    {"new_failures", added},
                                    {"fixed", fixed},
                                    {"changed", changed}}
                         .dump(2));
}

// The two runs to compare: given ids, or the newest ones.
tl::expected<std::pair<store::RunRow, store::RunRow>, std::string> pick_runs(
    const store::Store& db, const std::vector<std::int64_t>& ids) {
  const auto newest = db.recent_runs(2);
  std::optional<store::RunRow> a, b;
  if (ids.size() == 2) {
    a = db.run(ids[0]);
    b = db.run(ids[1]);
  } else if (ids.size() == 1) {
    a = db.run(ids[0]);
    b = newest.empty() ? std::nullopt : std::optional(newest[0]);
  } else if (newest.size() == 2) {
    a = newest[1];
    b = newest[0];
  } else {
    return tl::make_unexpected("fewer than two runs are recorded: nothing to compare");
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!(i == 0 ? a : b)) {
      return tl::make_unexpected(
          fmt::format("no run {} in the history (see shipcheck history)", ids[i]));
    }
  }
  return std::pair{*a, *b};
}

}  // namespace

int diff_command(const Args& args) {
  CLI::App app{"shipcheck diff: what changed between two recorded runs", "shipcheck diff"};
  std::vector<std::int64_t> ids;
  std::string dir = ".";
  std::string config;
  std::string format = "text";
  app.add_option("runs", ids, "run ids (see shipcheck history); default: the two newest")
      ->expected(0, 2);
  app.add_option("--dir,-C", dir, "project directory (default: .)");
  app.add_option("--config", config, "config file (default: shipcheck.yaml in DIR or above)");
  app.add_option("--format,-f", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  auto db = open_history(dir, config);
  if (!db || !*db) {
    fmt::print(stderr, "shipcheck diff: {}\n",
               db ? "no runs recorded yet: `shipcheck run` records each run" : db.error());
    return k_exit_usage;
  }
  try {
    auto runs = pick_runs(**db, ids);
    if (!runs) {
      fmt::print(stderr, "shipcheck diff: {}\n", runs.error());
      return k_exit_usage;
    }
    const auto& [a, b] = *runs;
    const RunDiff diff = diff_results((*db)->results_of(a.id), (*db)->results_of(b.id));
    if (format == "json") {
      print_json(a, b, diff);
    } else {
      print_text(a, b, diff);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "shipcheck diff: {}\n", e.what());
    return k_exit_internal;
  }
  return k_exit_ok;
}

}  // namespace shipcheck::cli
