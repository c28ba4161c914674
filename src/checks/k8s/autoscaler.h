// K8S017: each Deployment has a HorizontalPodAutoscaler or a reason not to. Rule page:
// docs/rules/K8S017.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sAutoscaler final : public K8sRule {
 public:
  K8sAutoscaler();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
