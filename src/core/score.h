// Score and verdict exactly as DESIGN.md defines them.
#pragma once

#include <vector>

#include "core/report.h"
#include "core/result.h"

namespace shipcheck {

// 100 x weight(passed) / weight(applicable). `skip` and suppressed results are not
// applicable; `error`, `fail`, `warn` count as not passed. Rounded down; 100 if no weight.
int compute_score(const std::vector<Result>& results);

Summary summarize(const std::vector<Result>& results, const std::vector<ManualRecord>& manual);

// Fills score, summary, ready and decided_by of `report` from its results and manual items.
void decide_verdict(Report& report);

}  // namespace shipcheck
