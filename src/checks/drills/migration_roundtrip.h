// DRL002: the newest migration's downgrade undoes its upgrade, on a scratch copy.
// Rule page: docs/rules/DRL002.md
#pragma once

#include "checks/drills/drill_facts.h"

namespace shipcheck::checks {

class MigrationRoundTripDrill final : public drill::DrillRule {
 public:
  MigrationRoundTripDrill();

 protected:
  std::optional<std::string> not_applicable(const Context& ctx) const override;
  std::vector<Result> drill(const Context& ctx, const drill::Setup& setup) const override;
};

}  // namespace shipcheck::checks
