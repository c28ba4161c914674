// WATCH001: the last `shipcheck watch` of this deploy fired no rollback trigger.
// Rule page: docs/rules/WATCH001.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class LastWatch final : public Check {
 public:
  LastWatch();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
