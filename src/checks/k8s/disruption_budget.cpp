// K8S016: a PodDisruptionBudget selects the pods of each Deployment and StatefulSet that
// may run two or more replicas.
#include "checks/k8s/disruption_budget.h"

#include <unordered_set>

#include <fmt/format.h>

namespace shipcheck::checks {

K8sDisruptionBudget::K8sDisruptionBudget()
    : K8sRule(RuleInfo{"K8S016", "kubernetes",
                       "Replicated Deployments and StatefulSets have a PodDisruptionBudget",
                       Severity::medium,
                       "add a policy/v1 PodDisruptionBudget (e.g. maxUnavailable: 1) whose "
                       "selector matches the pod template's labels, in the same namespace"}) {}

namespace {

// The workloads some budget selects. Candidates come from the objects' pod-label index
// (a budget can only select pods carrying its matchLabels), then the whole selector
// (matchExpressions too) and the namespace decide; a 5 MB rendered chart has thousands of
// both budgets and workloads.
std::unordered_set<const k8s::Object*> covered_workloads(const k8s::Objects& objects) {
  std::unordered_set<const k8s::Object*> covered;
  for (const k8s::Object* pdb : objects.of_kind("PodDisruptionBudget")) {
    const yaml::Node* selector = k8s::get(k8s::get(pdb->node, "spec"), "selector");
    for (const k8s::Object* w :
         objects.workloads_with(k8s::string_map(k8s::get(selector, "matchLabels")))) {
      if (k8s::same_namespace(*pdb, *w) && k8s::selects(selector, w->pod_labels)) {
        covered.insert(w);
      }
    }
  }
  return covered;
}

}  // namespace

void K8sDisruptionBudget::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                  Tally& tally) const {
  const auto covered = covered_workloads(objects);
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
    if (covered.count(&object) == 0) {
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
