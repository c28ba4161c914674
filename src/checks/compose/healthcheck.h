// CMP003: every long-running service has a healthcheck. Rule page: docs/rules/CMP003.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeHealthcheck final : public ComposeRule {
 public:
  ComposeHealthcheck();

 protected:
  bool applies(const File& file, const Service& service) const override;
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override { return "every long-running service has a healthcheck"; }
  std::string out_of_scope() const override;
};

}  // namespace shipcheck::checks::compose
