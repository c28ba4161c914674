// K8S022: no literal secrets in container env values. Rule page: docs/rules/K8S022.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sEnvSecrets final : public K8sRule {
 public:
  K8sEnvSecrets();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
