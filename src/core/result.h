// Result: the one type checks produce and reports consume (DESIGN.md "Results").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/severity.h"

namespace shipcheck {

struct Location {
  std::string file;    // relative to the project root
  int line = 0;        // 1-based; 0 = whole file
  int column = 0;      // 1-based; 0 = unknown
  std::string commit;  // for findings in git history
};

// Location{file, line, column} without spelling out the commit.
inline Location location_in(std::string file, int line = 0, int column = 0) {
  return Location{std::move(file), line, column, {}};
}

struct SuppressionNote {
  std::string reason;
  std::string source;  // "shipcheck.yaml:12", "inline", "baseline"
};

struct Result {
  std::string rule;
  std::string title;
  std::string family;
  Severity severity = Severity::info;
  Status status = Status::skip;
  std::string target;
  std::optional<Location> location;
  std::string fingerprint;  // never contains the matched content itself
  std::string message;
  std::string evidence;  // always redacted before it leaves the process
  std::string remediation;
  std::int64_t duration_ms = 0;
  std::optional<SuppressionNote> suppressed;
};

}  // namespace shipcheck
