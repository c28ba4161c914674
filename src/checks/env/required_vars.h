// ENV001: required variables are set in the env file. Rule page: docs/rules/ENV001.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class RequiredVars final : public Check {
 public:
  RequiredVars();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
