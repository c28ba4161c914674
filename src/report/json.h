// JSON report, schema shipcheck.report/v1 (DESIGN.md "JSON report", docs/report.schema.json).
#pragma once

#include <nlohmann/json.hpp>

#include "report/reporter.h"

namespace shipcheck::report {

inline constexpr std::string_view k_json_schema_id = "shipcheck.report/v1";

// The report as a JSON document, keys in the documented order. Additive changes only:
// existing keys never change meaning or type.
nlohmann::ordered_json to_json(const Report& report, const ReportOptions& options);

// Writes to_json() pretty-printed (2-space indent) with a trailing newline.
class JsonReporter : public Reporter {
 public:
  explicit JsonReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
