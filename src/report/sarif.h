// SARIF 2.1.0 report (OASIS), shaped for GitHub code scanning: one run, a rules table of the
// rules the report mentions, and one result per finding (fail, warn, error).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "report/reporter.h"

namespace shipcheck::report {

inline constexpr std::string_view k_sarif_version = "2.1.0";
inline constexpr std::string_view k_sarif_schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
// Where tool.driver.informationUri points: the project's home.
inline constexpr std::string_view k_information_uri = "https://github.com/shipcheck/shipcheck";
// Base of every relative artifact URI: the project root, which code scanning maps to the
// repository checkout.
inline constexpr std::string_view k_source_root = "%SRCROOT%";
// Where a result without a file or target points, so that no result lacks a location
// (code scanning rejects those).
inline constexpr std::string_view k_config_file_uri = "shipcheck.yaml";
inline constexpr std::string_view k_fingerprint_key = "shipcheckFingerprint/v1";
inline constexpr std::string_view k_commit_fingerprint_key = "commitSha/v1";

// The report as a SARIF log.
nlohmann::ordered_json to_sarif(const Report& report, const ReportOptions& options);

// Writes to_sarif() pretty-printed (2-space indent) with a trailing newline.
class SarifReporter : public Reporter {
 public:
  explicit SarifReporter(ReportOptions options) : m_options(std::move(options)) {}
  void write(const Report& report, std::ostream& out) const override;

 private:
  ReportOptions m_options;
};

}  // namespace shipcheck::report
