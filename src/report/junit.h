// JUnit XML, the format CI systems (Jenkins, GitLab, GitHub's test reporters) show as test
// results: a <testsuite> per family, a <testcase> per result, and the manual items as a
// suite of their own. fail -> <failure>, error -> <error>, skip -> <skipped>; warn passes
// with its message in <system-out> (JUnit has no warning).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report/reporter.h"

namespace shipcheck::report {

// `text` as XML character data or attribute value: & < > " ' escaped, and every byte
// sequence XML 1.0 cannot hold (malformed UTF-8, control characters but tab, newline and
// carriage return, U+FFFE, U+FFFF) replaced by U+FFFD.
std::string xml_escape(std::string_view text);

class JunitReporter : public Reporter {
 public:
  explicit JunitReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
