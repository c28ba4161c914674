// `shipcheck run [DIR]`: the main job.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "config/values.h"
#include "core/duration.h"
#include "core/suppress.h"
#include "engines/git/repo.h"
#include "report/reporter.h"
#include "store/open.h"

namespace shipcheck::cli {
namespace {

struct RunFlags {
  std::string dir = ".";
  std::string config;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::string timeout = "30s";
  int min_score = -1;
  unsigned jobs = 0;
  bool no_color = false;
  bool quiet = false;
  bool verbose = false;
  bool no_store = false;
  bool static_only = false;
  bool drills = false;
  std::string url;
  std::string baseline;
  std::string write_baseline;
};

void add_flags(CLI::App& app, RunFlags& f) {
  app.add_option("dir", f.dir, "project directory (default: .)");
  app.add_option("--config", f.config, "config file (default: shipcheck.yaml in DIR or above)");
  add_output_flags(app, f.formats, f.outputs, f.no_color, f.quiet, f.verbose);
  app.add_option("--only", f.only, "run only these rules or families (ENV004, ENV)")
      ->delimiter(',');
  app.add_option("--skip", f.skip, "skip these rules or families")->delimiter(',');
  app.add_option("--timeout", f.timeout, "per-check timeout (30s, 500ms, 2m)");
  app.add_option("--min-score", f.min_score, "lowest score that can be ready (default 90)")
      ->check(CLI::Range(0, 100));
  app.add_option("--jobs,-j", f.jobs, "checks run in parallel (default: cores)");
  app.add_option("--url", f.url,
                 "the deployed service (https://host[:port]): adds the live checks, overriding "
                 "url: in shipcheck.yaml");
  app.add_flag(
      "--static", f.static_only,
      "static checks only: no request to the service or its databases (before it is deployed)");
  app.add_flag("--drills", f.drills,
               "also run the drills: restore a fresh backup and round-trip the newest migration, "
               "each in a scratch database created and dropped on the database's server");
  app.add_flag("--no-store", f.no_store, "do not record the run in .shipcheck/history.db");
  app.add_option("--baseline", f.baseline, "suppress the findings listed in this baseline file");
  app.add_option("--write-baseline", f.write_baseline,
                 "write the current findings' fingerprints to this file");
}

// Live "[3/23] ENV001 GIT002" on stderr, only for a person at a terminal.
std::function<void(const RunProgress&)> progress_line(bool enabled) {
  if (!enabled) {
    return {};
  }
  return [](const RunProgress& p) {
    fmt::print(stderr, "\r\033[K[{}/{}] {}", p.done, p.total, p.running);
    std::fflush(stderr);
  };
}

// Records the run in the project's history (store: or <root>/.shipcheck/history.db). A store
// failure is reported but never changes the verdict. The directory ignores itself, so runs
// never dirty a git tree.
void store_run(const Report& report, const store::HistoryLocation& where) {
  auto db = store::open_history(where, store::Access::write);
  if (!db) {
    fmt::print(stderr, "warning: run not recorded: {}\n", db.error());
    return;
  }
  try {
    (*db)->record_run(report, where.root.string(), git::head_commit_or_empty(where.root));
  } catch (const std::exception& e) {
    fmt::print(stderr, "warning: run not recorded: {}\n", e.what());
  }
}

// Scores of the service's earlier runs in the project's history, oldest first, for the HTML
// report's sparkline. Read only when the history exists (a report never creates it); a store
// that cannot be read gives no history rather than failing the run.
std::vector<int> history_scores(const store::HistoryLocation& where, const std::string& service) {
  constexpr int k_history_runs = 30;
  std::vector<int> scores;
  try {
    auto db = store::open_history(where, store::Access::read);
    if (!db || !*db) {
      return {};
    }
    for (const auto& row : (*db)->recent_runs(k_history_runs)) {
      if (row.service == service) {
        scores.push_back(row.score);
      }
    }
  } catch (const std::exception&) {
    return {};
  }
  std::reverse(scores.begin(), scores.end());
  return scores;
}

// Turns parsed flags into a request; returns an error message for bad values.
tl::expected<RunRequest, std::string> make_request(const RunFlags& f) {
  const auto timeout = parse_duration(f.timeout);
  if (!timeout || timeout->count() <= 0) {
    return tl::make_unexpected(
        fmt::format("--timeout '{}' is not a duration (try 30s, 500ms, 2m)", f.timeout));
  }
  if (!f.url.empty() && !config::is_http_url(f.url)) {
    return tl::make_unexpected(fmt::format("--url '{}' is not an http:// or https:// URL", f.url));
  }
  if (!f.url.empty() && f.static_only) {
    return tl::make_unexpected("--url and --static contradict each other: keep one");
  }
  if (f.drills && f.static_only) {
    return tl::make_unexpected("--drills and --static contradict each other: keep one");
  }
  RunRequest request;
  request.dir = f.dir;
  request.adjust_config = [url = f.url, drills = f.drills](Config& config) {
    if (!url.empty()) {
      // The plain-HTTP address of another deployment would be wrong: derive it from --url.
      config.url = url;
      config.http_url.clear();
    }
    config.drills.enabled = config.drills.enabled || drills;
  };
  request.process_ends_after = true;
  if (!f.config.empty()) {
    request.config_file = f.config;
  }
  request.only = f.only;
  request.skip = f.skip;
  if (f.static_only) {
    request.skip.insert(request.skip.end(), k_live_families.begin(), k_live_families.end());
    request.skip.insert(request.skip.end(), k_dependency_families.begin(),
                        k_dependency_families.end());
    request.skip.insert(request.skip.end(), k_load_families.begin(), k_load_families.end());
  }
  request.jobs = f.jobs;
  request.timeout = *timeout;
  if (f.min_score >= 0) {
    request.min_score = f.min_score;
  }
  if (!f.baseline.empty()) {
    request.baseline = f.baseline;
  }
  request.on_progress = progress_line(isatty(STDERR_FILENO) != 0 && !f.quiet);
  return request;
}

// Everything after the report is printed: notices, baseline, store. False on an error.
bool finish(const RunFlags& f, const RunOutput& output) {
  for (const auto& notice : output.report.notices) {
    if (!f.quiet) {
      fmt::print(stderr, "note: {}\n", notice);
    }
  }
  if (!f.write_baseline.empty() && !save_baseline(f.write_baseline, output.report.results)) {
    return false;
  }
  if (!f.no_store) {
    store_run(output.report, {output.project_root, output.store});
  }
  return true;
}

}  // namespace

int run_command(const Args& args) {
  CLI::App app{"shipcheck run: run every applicable check and exit with the verdict",
               "shipcheck run"};
  RunFlags f;
  add_flags(app, f);
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  auto request = make_request(f);
  auto sinks = open_sinks(f.formats, f.outputs);
  if (!request || !sinks) {
    fmt::print(stderr, "shipcheck run: {}\n", !request ? request.error() : sinks.error());
    return k_exit_usage;
  }
  static Registry registry;  // static: must outlive abandoned check threads
  if (registry.checks().empty()) {
    register_all(registry);
  }
  auto output = execute_run(registry, *request);
  if (request->on_progress) {
    fmt::print(stderr, "\r\033[K");
  }
  if (!output) {
    fmt::print(stderr, "shipcheck: {}\n", output.error().to_string());
    return k_exit_usage;
  }
  auto options = report_options(f.no_color, f.quiet, f.verbose);
  const bool wants_history =
      std::any_of(sinks->begin(), sinks->end(), [](const Sink& s) { return s.format == "html"; });
  options.checklist = output->checklist;
  if (wants_history) {
    options.history_scores =
        history_scores({output->project_root, output->store}, output->report.service);
  }
  if (!write_reports(*sinks, output->report, options) || !finish(f, *output)) {
    return k_exit_usage;
  }
  const int code = output->report.ready ? k_exit_ok : k_exit_findings;
  if (output->abandoned) {
    std::fflush(nullptr);
    std::_Exit(code);
  }
  return code;
}

}  // namespace shipcheck::cli
