// DOC004: the rollback procedure is written down.
// Rule page: docs/rules/DOC004.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class RollbackDoc final : public Check {
 public:
  RollbackDoc();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
