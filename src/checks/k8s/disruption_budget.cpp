// K8S016: a PodDisruptionBudget selects the pods of each Deployment and StatefulSet that
// may run two or more replicas.
#include "checks/k8s/disruption_budget.h"

#include <algorithm>

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

namespace shipcheck::checks {

K8sDisruptionBudget::K8sDisruptionBudget()
    : K8sRule(RuleInfo{"K8S016", "kubernetes",
                       "Replicated Deployments and StatefulSets have a PodDisruptionBudget",
                       Severity::medium,
                       "add a policy/v1 PodDisruptionBudget (e.g. maxUnavailable: 1) whose "
                       "selector matches the pod template's labels, in the same namespace"}) {}

namespace {

// The budgets, indexed by one of their matchLabels pairs: a budget can only select pods
// carrying that pair, so each workload looks at a few candidates rather than at every
// budget (a 5 MB rendered chart has thousands of both).
class BudgetIndex {
 public:
  explicit BudgetIndex(const k8s::Objects& objects) {
    for (const k8s::Object* pdb : objects.of_kind("PodDisruptionBudget")) {
      const auto* selector = k8s::get(k8s::get(pdb->node, "spec"), "selector");
      const k8s::Labels match = k8s::string_map(k8s::get(selector, "matchLabels"));
      if (match.empty()) {
        m_unindexed.push_back(pdb);
      } else {
        m_by_pair[key(*match.begin())].push_back(pdb);
      }
    }
  }
  bool covers(const k8s::Object& workload) const {
    auto selects = [&](const k8s::Object* pdb) {
      return k8s::same_namespace(*pdb, workload) &&
             k8s::selects(k8s::get(k8s::get(pdb->node, "spec"), "selector"), workload.pod_labels);
    };
    if (std::any_of(m_unindexed.begin(), m_unindexed.end(), selects)) {
      return true;
    }
    return std::any_of(workload.pod_labels.begin(), workload.pod_labels.end(),
                       [&](const auto& pair) {
                         const auto it = m_by_pair.find(key(pair));
                         return it != m_by_pair.end() &&
                                std::any_of(it->second.begin(), it->second.end(), selects);
                       });
  }

 private:
  static std::string key(const std::pair<const std::string, std::string>& pair) {
    return pair.first + '\0' + pair.second;
  }
  std::unordered_map<std::string, std::vector<const k8s::Object*>> m_by_pair;
  std::vector<const k8s::Object*> m_unindexed;
};

}  // namespace

void K8sDisruptionBudget::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                  Tally& tally) const {
  const BudgetIndex budgets(objects);
  for (const k8s::Object& object : objects.objects) {
    if (!object.is_workload() || (object.kind != "Deployment" && object.kind != "StatefulSet")) {
      continue;
    }
    // One replica cannot be kept through a drain anyway; an autoscaler's maximum counts.
    const auto most = k8s::replica_ceiling(objects, object);
    if (most && *most < 2) {
      continue;
    }
    ++tally.checked;
    if (!budgets.covers(object)) {
      tally.findings.push_back(
          at(fail(fmt::format("{}: no PodDisruptionBudget selects its pods", object.label()),
                  fmt::format("pod labels: {}", k8s::describe(object.pod_labels))),
             object));
    }
  }
  tally.passed = fmt::format(
      "{} with 2 or more replicas: each has a PodDisruptionBudget",
      count(tally.checked, "Deployment or StatefulSet", "Deployments and StatefulSets"));
  tally.not_applicable = "no Deployment or StatefulSet runs 2 or more replicas";
}

}  // namespace shipcheck::checks
