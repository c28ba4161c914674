// K8S001: manifest parses and every document is a Kubernetes object. Rule page:
// docs/rules/K8S001.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sManifestParses final : public K8sRule {
 public:
  K8sManifestParses();
  std::vector<Result> check(const k8s::Objects& objects, const Config& config) const override;

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
