// Runner: executes checks in parallel (at most `jobs` at once) with a per-check timeout.
// A check that throws or overruns yields an `error` result for that check only.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/check.h"
#include "core/result.h"

namespace shipcheck {

struct RunProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::string running;  // ids of the checks in flight, space-separated
};

struct RunOptions {
  unsigned jobs = 0;  // 0 = number of cores
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  std::function<void(const RunProgress&)> on_progress;  // called from the runner's thread
};

struct RunOutcome {
  std::vector<Result> results;  // in the order of `checks`, each check's results together
  bool abandoned = false;       // a timed-out check is still running in a detached thread
};

// `ctx` must outlive every check thread: when `abandoned` is true the caller must end the
// process (std::_Exit) rather than destroy `ctx` under a running check.
RunOutcome run_checks(const std::vector<const Check*>& checks, const Context& ctx,
                      const RunOptions& options);

}  // namespace shipcheck
