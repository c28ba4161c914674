// Flags and output plumbing shared by the commands that print reports.
#include "cli/options.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli.h"
#include "core/score.h"
#include "core/suppress.h"

namespace shipcheck::cli {

std::optional<int> parse_args(CLI::App& app, const Args& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 wants them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help();
    return k_exit_ok;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "{}: {}\nrun '{} --help' for its options\n", app.get_name(), e.what(),
               app.get_name());
    return k_exit_usage;
  }
  return std::nullopt;
}

void add_output_flags(CLI::App& app, std::vector<std::string>& formats,
                      std::vector<std::string>& outputs, bool& no_color, bool& quiet,
                      bool& verbose) {
  app.add_option("--format,-f", formats,
                 "text (default), json, sarif, junit, markdown or html; repeatable")
      ->allow_extra_args(false);
  app.add_option("--output,-o", outputs, "write the matching --format to this file; repeatable")
      ->allow_extra_args(false);
  app.add_flag("--no-color", no_color, "no ANSI colours (also: NO_COLOR set)");
  app.add_flag("--quiet,-q", quiet, "print only failures and the verdict");
  app.add_flag("--verbose,-v", verbose, "also list passed and skipped results");
}

tl::expected<std::vector<Sink>, std::string> open_sinks(const std::vector<std::string>& formats,
                                                        const std::vector<std::string>& outputs) {
  std::vector<std::string> wanted = formats.empty() ? std::vector<std::string>{"text"} : formats;
  if (outputs.size() > wanted.size()) {
    return tl::make_unexpected("more --output files than --format options");
  }
  const auto known = report::report_formats();
  std::vector<Sink> sinks;
  int to_stdout = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (std::find(known.begin(), known.end(), wanted[i]) == known.end()) {
      return tl::make_unexpected(
          fmt::format("unknown --format '{}' (available: {})", wanted[i], fmt::join(known, ", ")));
    }
    sinks.push_back(Sink{wanted[i], i < outputs.size() ? outputs[i] : std::string()});
    to_stdout += sinks.back().path.empty() ? 1 : 0;
  }
  if (to_stdout > 1) {
    return tl::make_unexpected("several formats would go to standard output: give --output");
  }
  return sinks;
}

report::ReportOptions report_options(bool no_color, bool quiet, bool verbose) {
  report::ReportOptions options;
  options.color = !no_color && std::getenv("NO_COLOR") == nullptr;
  options.quiet = quiet;
  options.verbose = verbose;
  options.tool_version = SHIPCHECK_VERSION;
  return options;
}

bool write_reports(const std::vector<Sink>& sinks, const Report& run_report,
                   report::ReportOptions options) {
  bool ok = true;
  for (const auto& sink : sinks) {
    report::ReportOptions these = options;
    these.color =
        options.color && sink.format == "text" && sink.path.empty() && isatty(STDOUT_FILENO) != 0;
    const auto reporter = report::make_reporter(sink.format, these);
    if (sink.path.empty()) {
      reporter->write(run_report, std::cout);
      std::cout.flush();
    } else {
      std::ofstream out(sink.path);
      if (!out) {
        fmt::print(stderr, "shipcheck: cannot write {}\n", sink.path);
        ok = false;
        continue;
      }
      reporter->write(run_report, out);
    }
  }
  return ok;
}

bool save_baseline(const std::string& path, const std::vector<Result>& results) {
  auto written = write_baseline(path, results);
  if (!written) {
    fmt::print(stderr, "shipcheck: {}\n", written.error());
    return false;
  }
  fmt::print(stderr, "wrote {} fingerprints to {}\n", *written, path);
  return true;
}

int count_failing(const Report& report, Severity fail_on) {
  return static_cast<int>(
      std::count_if(report.results.begin(), report.results.end(), [&](const Result& r) {
        return (r.status == Status::fail || r.status == Status::error) && !r.suppressed &&
               weight(r.severity) >= weight(fail_on);
      }));
}

int apply_fail_on(Report& report, Severity fail_on, std::string_view fail_on_text) {
  const int failing = count_failing(report, fail_on);
  if (failing > 0 && report.ready) {
    report.ready = false;
    report.decided_by.push_back(
        fmt::format("{} finding(s) at or above --fail-on {}", failing, fail_on_text));
  }
  return failing;
}

}  // namespace shipcheck::cli
