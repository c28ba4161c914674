// K8S020: migrations run in an initContainer or a Job, not the app container. Rule page:
// docs/rules/K8S020.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sMigrations final : public K8sRule {
 public:
  K8sMigrations();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
