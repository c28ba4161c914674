// CMD001: each enabled `commands:` entry (a shell block from the checklist) exits 0.
// Rule page: docs/rules/CMD001.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class CommandExitsZero final : public Check {
 public:
  CommandExitsZero();
  std::vector<Result> run(const Context& ctx) const override;
  // The commands run one after another, each bounded by its own timeout.
  std::chrono::milliseconds timeout(const Context& ctx,
                                    std::chrono::milliseconds run_timeout) const override;
};

}  // namespace shipcheck::checks
