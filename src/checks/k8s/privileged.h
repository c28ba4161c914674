// K8S010: no privileged containers. Rule page: docs/rules/K8S010.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sPrivileged final : public K8sRule {
 public:
  K8sPrivileged();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
