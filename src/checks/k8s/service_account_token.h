// K8S024: service account token not mounted unless needed. Rule page: docs/rules/K8S024.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sServiceAccountToken final : public K8sRule {
 public:
  K8sServiceAccountToken();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
