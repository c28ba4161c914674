// Markdown: the report a person pastes into a pull request or a release ticket. With the
// checklist the config links, it is that checklist, ticked where shipcheck saw it pass, each
// item with its evidence; otherwise shipcheck's own results, failures first, as a checklist
// per family. The score and verdict come first either way.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report/reporter.h"

namespace shipcheck::report {

// `text` on one line with Markdown's inline syntax escaped (so "*" or "<b>" in a message is
// shown, not interpreted).
std::string markdown_escape(std::string_view text);

// `text` as an inline code span: fenced with more backticks than it holds in a row, so any
// text fits.
std::string markdown_code(std::string_view text);

class MarkdownReporter : public Reporter {
 public:
  explicit MarkdownReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
