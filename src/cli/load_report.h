// What `shipcheck load` prints: a wrk-like text summary, or one JSON object (schema
// shipcheck.load/v1, DESIGN.md) with the full histogram and the per-second series.
#pragma once

#include <string>
#include <vector>

#include "engines/load/engine.h"
#include "engines/load/thresholds.h"

namespace shipcheck::cli {

struct LoadRun {
  std::string url;
  const load::Options* options = nullptr;
  const load::Outcome* outcome = nullptr;
  std::vector<load::Threshold> thresholds;
  std::vector<load::Verdict> verdicts;  // one per threshold
};

// Responses per second of the run (any status; transport failures are not responses).
double responses_per_second(const load::Outcome& outcome);

std::string load_text(const LoadRun& run);
std::string load_json(const LoadRun& run);

}  // namespace shipcheck::cli
