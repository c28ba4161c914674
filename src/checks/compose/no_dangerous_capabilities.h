// CMP011: no service adds a dangerous capability or runs unconfined. Rule page:
// docs/rules/CMP011.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeNoDangerousCapabilities final : public ComposeRule {
 public:
  ComposeNoDangerousCapabilities();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override {
    return "no service adds a dangerous capability or runs unconfined";
  }
};

}  // namespace shipcheck::checks::compose
