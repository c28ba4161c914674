// K8S018: no secrets in ConfigMaps. Rule page: docs/rules/K8S018.md
#pragma once

#include "checks/k8s/k8s_rule.h"

namespace shipcheck::checks {

class K8sConfigMapSecrets final : public K8sRule {
 public:
  K8sConfigMapSecrets();

 protected:
  void inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const override;

 private:
  // The findings of one data entry: its value, or each setting of a file-like value.
  void check_entry(const k8s::Object& object, const yaml::Node::Entry& entry, Tally& tally) const;
};

}  // namespace shipcheck::checks
