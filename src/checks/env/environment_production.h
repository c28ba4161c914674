// ENV005: the environment is production. Rule page: docs/rules/ENV005.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class EnvironmentProduction final : public Check {
 public:
  EnvironmentProduction();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
