// K8S014: imagePullPolicy fits the image reference. Rule page: docs/rules/K8S014.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sImagePullPolicy final : public K8sRule {
 public:
  K8sImagePullPolicy();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
