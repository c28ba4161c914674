// DOC002: an operations runbook exists.
// Rule page: docs/rules/DOC002.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class Runbook final : public Check {
 public:
  Runbook();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
