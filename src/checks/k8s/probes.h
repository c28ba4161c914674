// K8S002/K8S003: liveness probe on each container of long-running workloads; readiness probe on
// each container of long-running workloads. Rule pages: docs/rules/K8S002.md, docs/rules/K8S003.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sLivenessProbe final : public K8sRule {
 public:
  K8sLivenessProbe();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

class K8sReadinessProbe final : public K8sRule {
 public:
  K8sReadinessProbe();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;
};

}  // namespace shipcheck::checks
