// EXP006: TRACE is not enabled. Rule page: docs/rules/EXP006.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class TraceDisabled final : public live::LiveRule {
 public:
  TraceDisabled();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
