// ENV004: debug mode is off. Rule page: docs/rules/ENV004.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class DebugOff final : public Check {
 public:
  DebugOff();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
