// K8S006: containers run as non-root (runAsNonRoot: true, runAsUser not 0). Rule page:
// docs/rules/K8S006.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sRunAsNonRoot final : public K8sRule {
 public:
  K8sRunAsNonRoot();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
