// K8S007: allowPrivilegeEscalation: false on every container. Rule page: docs/rules/K8S007.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sPrivilegeEscalation final : public K8sRule {
 public:
  K8sPrivilegeEscalation();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
