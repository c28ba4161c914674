// K8S012: no hostNetwork, hostPID or hostIPC. Rule page: docs/rules/K8S012.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sHostNamespaces final : public K8sRule {
 public:
  K8sHostNamespaces();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
