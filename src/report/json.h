// JSON report, schema shipcheck.report/v1 (DESIGN.md "JSON report", docs/report.schema.json).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "report/reporter.h"

namespace shipcheck::report {

inline constexpr std::string_view k_json_schema_id = "shipcheck.report/v1";

// The report as a JSON document, keys in the documented order, pretty-printed (2-space
// indent) with a trailing newline. Additive changes only: existing keys never change
// meaning or type. Text quoted from inspected files that is not UTF-8 is replaced (U+FFFD).
// Written to `out` as it is built, a few hundred KiB at a time.
void write_json(const Report& report, const ReportOptions& options, std::ostream& out);

// Writes write_json().
class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
