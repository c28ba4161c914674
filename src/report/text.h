// Text report for engineers in a terminal: failures first, grouped by family, closing verdict.
#pragma once

#include "report/reporter.h"

namespace shipcheck::report {

// Layout (each family in order of first appearance in the results):
//   env  1 fail · 4 pass · 1 skip                 <- family header with counts
//     FAIL   ENV004  critical  DEBUG is on at .env.production:3
//            evidence: DEBUG=true
//            fix: set DEBUG=false
//     PASS   4 passed, 1 skipped (--verbose lists them)
//     suppressed SEC014 at tests/k.txt:3: fake keys (shipcheck.yaml:12)
//   manual items  1 awaiting sign-off
//   score 87/100 · not ready: ENV004 DEBUG is on (critical)     <- always the last line
// `quiet` keeps only failures/errors (with evidence) and the closing line.
class TextReporter : public Reporter {
 public:
  explicit TextReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
