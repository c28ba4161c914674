// CMP008: no service has a literal secret in its environment. Rule page: docs/rules/CMP008.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeNoInlineSecrets final : public ComposeRule {
 public:
  ComposeNoInlineSecrets();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override {
    return "no service has a literal secret in its environment";
  }
};

}  // namespace shipcheck::checks::compose
