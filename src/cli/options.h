// Flags and output plumbing shared by the commands that print reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "cli/commands.h"
#include "core/report.h"
#include "report/reporter.h"

namespace shipcheck::cli {

// Parses `args` into `app`; returns an exit code when parsing ended the command (--help
// prints and gives 0; a usage error prints it and gives 2), nullopt to go on.
std::optional<int> parse_args(CLI::App& app, const Args& args);

// --format (repeatable), --output (repeatable, paired with --format in order), --no-color,
// --quiet, --verbose.
void add_output_flags(CLI::App& app, std::vector<std::string>& formats,
                      std::vector<std::string>& outputs, bool& no_color, bool& quiet,
                      bool& verbose);

struct Sink {
  std::string format;
  std::string path;  // empty = standard output
};

// Pairs formats with outputs; checks every format is known and at most one goes to stdout.
tl::expected<std::vector<Sink>, std::string> open_sinks(const std::vector<std::string>& formats,
                                                        const std::vector<std::string>& outputs);

report::ReportOptions report_options(bool no_color, bool quiet, bool verbose);

// Writes the report to every sink; colour only for text on a terminal (and no NO_COLOR).
// Returns false (after saying why on stderr) if a file could not be written.
bool write_reports(const std::vector<Sink>& sinks, const Report& run_report,
                   report::ReportOptions options);

// Results that fail a scan: `fail`, or `error` (could not be evaluated: never a silent
// exit 0), not suppressed, at or above the --fail-on severity.
int count_failing(const Report& report, Severity fail_on);

// The scan-like commands' gate: counts the failing results and, when there are any, makes
// the report not ready and says why (`fail_on_text` is the flag as given). Returns the count.
int apply_fail_on(Report& report, Severity fail_on, std::string_view fail_on_text);

// --write-baseline: writes the fingerprints of `results` to `path` and says how many on
// stderr; false (after saying why) when the file cannot be written.
bool save_baseline(const std::string& path, const std::vector<Result>& results);

}  // namespace shipcheck::cli
