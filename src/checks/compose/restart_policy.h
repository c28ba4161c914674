// CMP002: every long-running service has a restart policy. Rule page: docs/rules/CMP002.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeRestartPolicy final : public ComposeRule {
 public:
  ComposeRestartPolicy();

 protected:
  bool applies(const File& file, const Service& service) const override;
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override { return "every long-running service has a restart policy"; }
  std::string out_of_scope() const override;
};

}  // namespace shipcheck::checks::compose
