// `shipcheck scan secrets [DIR|-]`: the secret scanner on its own, for CI and pre-commit.
#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "checks/secrets/secret_rules.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "config/loader.h"
#include "core/score.h"
#include "core/suppress.h"
#include "engines/secrets/scan.h"

namespace shipcheck::cli {
namespace {

namespace engine = ::shipcheck::secrets;
namespace sec = ::shipcheck::checks::secrets;

struct ScanFlags {
  std::string dir = ".";
  bool history = false;
  std::string since;
  std::vector<std::string> rules;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::string fail_on = "low";
  std::string baseline;
  std::string write_baseline;
  std::uintmax_t max_file_size = engine::ScanOptions{}.max_file_size;
  unsigned jobs = 0;
  bool no_color = false;
  bool quiet = false;
  bool verbose = false;
};

void add_flags(CLI::App& app, ScanFlags& f) {
  app.add_option("dir", f.dir, "directory to scan, or - for standard input (default: .)");
  app.add_flag("--history", f.history, "also scan every unique blob in git history");
  app.add_option("--since", f.since, "with --history: only commits after this revision");
  app.add_option("--rules", f.rules, "extra detector file(s) (schema shipcheck.secrets/v1)");
  add_output_flags(app, f.formats, f.outputs, f.no_color, f.quiet, f.verbose);
  app.add_option("--fail-on", f.fail_on,
                 "lowest severity that fails the scan: critical, high, medium, low (default)");
  app.add_option("--baseline", f.baseline, "report only findings not in this baseline file");
  app.add_option("--write-baseline", f.write_baseline,
                 "write the current findings' fingerprints to this file");
  app.add_option("--max-file-size", f.max_file_size, "skip larger files (bytes, default 16 MiB)");
  app.add_option("--jobs,-j", f.jobs, "threads (default: cores)");
}

// Compiles the detectors on another thread while the tree is listed (compiling and
// loading ~300 detectors is a tenth of a large scan).
tl::expected<engine::ScanOutput, std::string> scan(const ScanFlags& f) {
  engine::PendingMatcher matcher =
      std::async(std::launch::async, [&f] { return sec::shared_matcher(f.rules); }).share();
  if (f.dir == "-") {
    if (f.history) {
      return tl::make_unexpected(std::string("--history needs a directory, not standard input"));
    }
    if (!matcher.get()) {
      return tl::make_unexpected(matcher.get().error());
    }
    return engine::scan_stream(**matcher.get(), std::cin, "<stdin>");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(f.dir, ec)) {
    return tl::make_unexpected(fmt::format("{}: not a directory", f.dir));
  }
  engine::ScanOptions options;
  options.history = f.history;
  options.since = f.since;
  options.max_file_size = f.max_file_size;
  options.jobs = f.jobs;
  return engine::scan_directory(matcher, f.dir, options);
}

// Suppress entries of a shipcheck.yaml in the scanned directory itself, if there is one:
// paths in a scan are relative to that directory, as the entries' globs are.
tl::expected<std::vector<SuppressEntry>, std::string> config_suppressions(const ScanFlags& f) {
  const std::filesystem::path file = std::filesystem::path(f.dir) / "shipcheck.yaml";
  std::error_code ec;
  if (f.dir == "-" || !std::filesystem::exists(file, ec)) {
    return std::vector<SuppressEntry>{};
  }
  auto config = config::load_config(file, config::process_env);
  if (!config) {
    return tl::make_unexpected(config.error().to_string());
  }
  return config->suppress;
}

Report make_report(const ScanFlags& f, const engine::ScanOutput& scanned, std::string started) {
  Report report;
  std::error_code ec;
  const auto root = std::filesystem::weakly_canonical(std::filesystem::absolute(f.dir), ec);
  report.service = f.dir == "-" ? "<stdin>" : root.filename().string();
  report.started_at = std::move(started);
  report.results = sec::finding_results(scanned.findings);
  for (const auto& rule : sec::secret_rules()) {
    const bool found = std::any_of(report.results.begin(), report.results.end(),
                                   [&](const Result& r) { return r.rule == rule.id; });
    if (!found) {
      report.results.push_back(sec::clean_result(rule, scanned.stats));
    }
  }
  std::stable_sort(report.results.begin(), report.results.end(),
                   [](const Result& a, const Result& b) { return a.rule < b.rule; });
  return report;
}

void print_stats(const engine::ScanStats& s, double seconds, int findings) {
  std::string what =
      fmt::format("{} files ({:.1f} MB)", s.files, static_cast<double>(s.bytes) / 1e6);
  if (s.commits > 0) {
    what += fmt::format(", {} commits, {} unique blobs of {} versions", s.commits, s.blobs,
                        s.blob_versions);
  }
  const std::size_t skipped = s.skipped_binary + s.skipped_large + s.skipped_allowlisted;
  fmt::print(stderr, "scanned {} in {:.2f} s{}: {} finding{}\n", what, seconds,
             skipped > 0 ? fmt::format(" (skipped {} binary, {} large, {} allowlisted)",
                                       s.skipped_binary, s.skipped_large, s.skipped_allowlisted)
                         : "",
             findings, findings == 1 ? "" : "s");
}

int scan_secrets(const Args& args) {
  CLI::App app{"shipcheck scan secrets: find credentials in a working tree and git history",
               "shipcheck scan secrets"};
  ScanFlags f;
  add_flags(app, f);
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  const auto fail_on = parse_severity(f.fail_on);
  auto sinks = open_sinks(f.formats, f.outputs);
  if (!fail_on || !sinks) {
    fmt::print(stderr, "shipcheck scan secrets: {}\n",
               !sinks ? sinks.error()
                      : fmt::format("--fail-on '{}' is not a severity (critical, high, medium, "
                                    "low)",
                                    f.fail_on));
    return k_exit_usage;
  }
  std::set<std::string> baseline;
  if (!f.baseline.empty()) {
    auto read = read_baseline(f.baseline);
    if (!read) {
      fmt::print(stderr, "shipcheck scan secrets: {}\n", read.error());
      return k_exit_usage;
    }
    baseline = std::move(*read);
  }
  auto entries = config_suppressions(f);
  if (!entries) {
    fmt::print(stderr, "shipcheck scan secrets: {}\n", entries.error());
    return k_exit_usage;
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_rfc3339();
  auto scanned = scan(f);
  if (!scanned) {
    fmt::print(stderr, "shipcheck scan secrets: {}\n", scanned.error());
    return k_exit_usage;
  }
  Report report = make_report(f, *scanned, started_at);
  report.notices = apply_suppressions(
      report.results,
      SuppressionInput{f.dir == "-" ? std::filesystem::path() : std::filesystem::path(f.dir),
                       &*entries, "shipcheck.yaml", today_utc(), std::move(baseline)});
  decide_verdict(report);
  const int failing = apply_fail_on(report, *fail_on, f.fail_on);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report.duration_ms = static_cast<std::int64_t>(seconds * 1000);
  if (!write_reports(*sinks, report, report_options(f.no_color, f.quiet, f.verbose))) {
    return k_exit_usage;
  }
  if (!f.quiet) {
    print_stats(scanned->stats, seconds, static_cast<int>(scanned->findings.size()));
  }
  if (!f.write_baseline.empty() && !save_baseline(f.write_baseline, report.results)) {
    return k_exit_usage;
  }
  return failing > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace

int scan_command(const Args& args) {
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    fmt::print(args.empty() ? stderr : stdout,
               "usage: shipcheck scan secrets [DIR|-] [--history] [options]\n"
               "       shipcheck scan containers [DIR | FILE...] [options]\n"
               "'shipcheck scan secrets --help' and 'shipcheck scan containers --help' show "
               "the options.\n");
    return args.empty() ? k_exit_usage : k_exit_ok;
  }
  const Args rest(args.begin() + 1, args.end());
  if (args.front() == "secrets") {
    return scan_secrets(rest);
  }
  if (args.front() == "containers") {
    return scan_containers_command(rest);
  }
  fmt::print(stderr, "shipcheck scan: unknown scan '{}'; available: secrets, containers\n",
             args.front());
  return k_exit_usage;
}

}  // namespace shipcheck::cli
