// CMP010: every dependency on a service with a healthcheck waits for service_healthy. Rule page:
// docs/rules/CMP010.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeDependsOnHealthy final : public ComposeRule {
 public:
  ComposeDependsOnHealthy();

 protected:
  bool applies(const File& file, const Service& service) const override;
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override {
    return "every dependency on a service with a healthcheck waits for service_healthy";
  }
  std::string out_of_scope() const override;
};

}  // namespace shipcheck::checks::compose
