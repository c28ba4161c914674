// K8S023: seccompProfile RuntimeDefault or Localhost. Rule page: docs/rules/K8S023.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sSeccomp final : public K8sRule {
 public:
  K8sSeccomp();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
