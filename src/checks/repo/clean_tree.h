// GIT002: the work tree under the project root has no uncommitted changes.
// Rule page: docs/rules/GIT002.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class CleanTree final : public Check {
 public:
  CleanTree();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
