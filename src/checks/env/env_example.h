// ENV013: the example env file documents every variable. Rule page: docs/rules/ENV013.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class EnvExample final : public Check {
 public:
  EnvExample();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
