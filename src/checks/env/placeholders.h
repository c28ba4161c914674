// ENV002: no env value is a placeholder. Rule page: docs/rules/ENV002.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class Placeholders final : public Check {
 public:
  Placeholders();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
