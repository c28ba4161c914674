// Reporter: one interface behind which each report format (text, json, ...) renders a Report.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/report.h"
#include "report/checklist_view.h"

namespace shipcheck::report {

struct ReportOptions {
  bool color = false;    // ANSI colours (text only); the CLI decides from --no-color/NO_COLOR/tty
  bool verbose = false;  // list every pass and skip instead of one line per family
  bool quiet = false;    // failures, errors and the closing line only
  std::string tool_version;  // "tool.version" in JSON, tool.driver.version in SARIF; empty = this
                             // build's version
  // Scores of the project's earlier runs, oldest first (html: the history sparkline, drawn
  // with this run's score as its last point); empty when there is no store.
  std::vector<int> history_scores;
  // markdown: the checklist the config links (`checklist:`), shown ticked; nullopt = none, and
  // the report lists shipcheck's own results as a checklist instead.
  std::optional<ChecklistView> checklist;
};

// Renders a Report. The Report is already redacted by the caller: a reporter prints what it
// is given and adds no values of its own beyond formatting.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void write(const Report& report, std::ostream& out) const = 0;
};

// The reporter for `format` ("text", "json", "sarif", "junit", "markdown", "html"), or nullptr when
// the format is unknown.
std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReportOptions& options);

// The formats make_reporter() knows, in the order `--help` should list them.
std::vector<std::string> report_formats();

}  // namespace shipcheck::report
