// HTML report: one self-contained HTML5 page (inline CSS, a little inline JS, inline SVG) that
// loads nothing from anywhere; its Content-Security-Policy says so to the browser. A verdict
// banner, a score gauge, summary counts, the results grouped by family with what needs action
// first, each one expandable to its evidence and fix, filters by status, the manual items,
// and a sparkline of earlier runs' scores when the store has some.
#pragma once

#include <ostream>
#include <string>

#include "report/reporter.h"

namespace shipcheck::report {

// The policy in the page's <meta http-equiv="Content-Security-Policy">: inline style and
// script only, images only as data: URLs, nothing fetched.
inline constexpr std::string_view k_html_csp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

class HtmlReporter : public Reporter {
 public:
  explicit HtmlReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
