// The config's manual items as a run reports them: signed off when the project's history
// holds a sign-off that still counts.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/report.h"

namespace shipcheck::cli {

// Each manual item, with its newest sign-off when that one counts: signed within the item's
// valid_for (if any) and, when it was tied to a commit, of the project's HEAD. A sign-off that
// no longer counts adds a line to `notices` saying why. The history is only read.
std::vector<ManualRecord> manual_records(const Config& config, std::vector<std::string>& notices);

}  // namespace shipcheck::cli
