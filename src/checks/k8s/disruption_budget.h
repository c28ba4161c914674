// K8S016: a PodDisruptionBudget covers each replicated Deployment and StatefulSet. Rule page:
// docs/rules/K8S016.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sDisruptionBudget final : public K8sRule {
 public:
  K8sDisruptionBudget();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
