// K8S011: no hostPath volumes. Rule page: docs/rules/K8S011.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sHostPath final : public K8sRule {
 public:
  K8sHostPath();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
