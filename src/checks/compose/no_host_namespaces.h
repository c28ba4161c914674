// CMP006: no service shares the host's network, PID or IPC namespace. Rule page:
// docs/rules/CMP006.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeNoHostNamespaces final : public ComposeRule {
 public:
  ComposeNoHostNamespaces();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override {
    return "no service shares the host's network, PID or IPC namespace";
  }
};

}  // namespace shipcheck::checks::compose
