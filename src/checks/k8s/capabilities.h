// K8S009: capabilities: drop ALL, add nothing dangerous. Rule page: docs/rules/K8S009.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sCapabilities final : public K8sRule {
 public:
  K8sCapabilities();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
