// CMP005: no service runs privileged. Rule page: docs/rules/CMP005.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeNoPrivileged final : public ComposeRule {
 public:
  ComposeNoPrivileged();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override { return "no service runs privileged"; }
};

}  // namespace shipcheck::checks::compose
