// K8S013: container images pinned to a tag other than latest, or a digest. Rule page:
// docs/rules/K8S013.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sImagePinned final : public K8sRule {
 public:
  K8sImagePinned();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
