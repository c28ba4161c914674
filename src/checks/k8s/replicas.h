// K8S015: Deployments and StatefulSets run at least min_replicas replicas. Rule page:
// docs/rules/K8S015.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sReplicas final : public K8sRule {
 public:
  K8sReplicas();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
