// CMP007: no service mounts the Docker socket. Rule page: docs/rules/CMP007.md
#pragma once

#include "checks/compose/compose_rule.h"

namespace shipcheck::checks::compose {

class ComposeNoDockerSocket final : public ComposeRule {
 public:
  ComposeNoDockerSocket();

 protected:
  void inspect(const File& file, const Service& service, std::vector<Result>& out) const override;
  std::string claim() const override { return "no service mounts the Docker socket"; }
};

}  // namespace shipcheck::checks::compose
