// K8S008: readOnlyRootFilesystem: true on every container. Rule page: docs/rules/K8S008.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sReadOnlyRoot final : public K8sRule {
 public:
  K8sReadOnlyRoot();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
