// DOC005: a CI pipeline configuration exists.
// Rule page: docs/rules/DOC005.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class CiConfig final : public Check {
 public:
  CiConfig();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
