// K8S021: liveness and readiness probes differ. Rule page: docs/rules/K8S021.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sDistinctProbes final : public K8sRule {
 public:
  K8sDistinctProbes();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
