// PERF001: latency and error thresholds hold under the configured load.
// Rule page: docs/rules/PERF001.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class LoadThresholds final : public Check {
 public:
  LoadThresholds();
  std::vector<Result> run(const Context& ctx) const override;
  // A load test changes what the service answers everyone else while it runs.
  bool runs_last() const override { return true; }
  // The configured duration, plus the requests' own timeout and a margin.
  std::chrono::milliseconds timeout(const Context& ctx,
                                    std::chrono::milliseconds run_timeout) const override;
};

}  // namespace shipcheck::checks
