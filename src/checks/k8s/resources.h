// K8S004/K8S005: CPU and memory requests on every container; CPU and memory limits on every
// container. Rule pages: docs/rules/K8S004.md, docs/rules/K8S005.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sResourceRequests final : public K8sRule {
 public:
  K8sResourceRequests();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

class K8sResourceLimits final : public K8sRule {
 public:
  K8sResourceLimits();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
