// EXP004: Error pages show no stack traces. Rule page: docs/rules/EXP004.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class NoTracebacks final : public live::LiveRule {
 public:
  NoTracebacks();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
