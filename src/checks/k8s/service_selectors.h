// K8S019: every Service selects pods defined in the manifests. Rule page: docs/rules/K8S019.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sServiceSelectors final : public K8sRule {
 public:
  K8sServiceSelectors();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
