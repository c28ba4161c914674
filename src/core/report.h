// Report: one run's outcome, the input of every reporter (text, json, ...) and the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace shipcheck {

struct ManualRecord {
  std::string id;
  std::string title;
  std::string source;  // "DEPLOY.md:212" or empty
  bool required = true;
  std::optional<std::string> signed_off_by;
  std::optional<std::string> signed_off_at;
  std::optional<std::string> note;
};

struct Summary {
  int pass = 0;
  int fail = 0;
  int warn = 0;
  int skip = 0;
  int error = 0;
  int manual = 0;
};

struct Report {
  std::string service;
  std::string started_at;  // RFC 3339 UTC, "2026-11-21T22:40:00Z"
  std::int64_t duration_ms = 0;
  int score = 100;
  int min_score = 90;
  bool ready = true;  // JSON "verdict": "ready" | "not-ready"
  Summary summary;
  std::vector<Result> results;
  std::vector<ManualRecord> manual;
  // Why the verdict is what it is, one line each ("ENV004 DEBUG is on (critical)").
  std::vector<std::string> decided_by;
  // Things the user should know that are not results: expired or unused suppressions.
  std::vector<std::string> notices;
};

}  // namespace shipcheck
