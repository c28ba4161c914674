// CMP012: no database or cache port is published on every interface. Rule page:
// docs/rules/CMP012.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeDatastorePortsLocal final : public ComposeRule {
 public:
  ComposeDatastorePortsLocal();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override {
    return "no database or cache port is published on every interface";
  }
};

}  // namespace shipcheck::checks::compose
