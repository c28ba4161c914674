// CMP004: every service has a memory and a CPU limit. Rule page: docs/rules/CMP004.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeResourceLimits final : public ComposeRule {
 public:
  ComposeResourceLimits();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override { return "every service has a memory and a CPU limit"; }
};

}  // namespace shipcheck::checks::compose
