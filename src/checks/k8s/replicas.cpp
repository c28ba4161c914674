// K8S015: Deployments and StatefulSets run at least containers.min_replicas replicas (an
// autoscaler's minReplicas counts when one targets them).
#include "checks/k8s/replicas.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sReplicas::K8sReplicas()
    : K8sRule(RuleInfo{"K8S015", "kubernetes",
                       "Deployments and StatefulSets run more than one replica", Severity::high,
                       "set spec.replicas (or the HorizontalPodAutoscaler's minReplicas) to at "
                       "least 2, so one pod's restart or node drain is not an outage"}) {}

void K8sReplicas::inspect(const k8s::Objects& objects, const Config& config, Tally& tally) const {
  const long long wanted = config.containers.min_replicas;
  for (const k8s::Object& object : objects.objects) {
    if (!object.is_workload() || (object.kind != "Deployment" && object.kind != "StatefulSet")) {
      continue;
    }
    ++tally.checked;
    const k8s::ReplicaFloor floor = k8s::replica_floor(objects, object);
    if (!floor.count || *floor.count >= wanted) {
      continue;  // a templated count is not ours to judge
    }
    const std::string replicas =
        count(static_cast<std::size_t>(std::max(*floor.count, 0LL)), "replica");
    Result r = fail(
        floor.autoscaler != nullptr
            ? fmt::format("{}: {} {} lets it scale down to {} (at least {} wanted)", object.label(),
                          floor.autoscaler->kind, floor.autoscaler->name, replicas, wanted)
        : floor.written != nullptr
            ? fmt::format("{}: {} (at least {} wanted)", object.label(), replicas, wanted)
            : fmt::format("{}: no replicas field, so 1 replica (at least {} wanted)",
                          object.label(), wanted),
        floor.written != nullptr ? evidence(floor.written->key->value, floor.written->value) : "");
    const k8s::Object& where = floor.autoscaler != nullptr ? *floor.autoscaler : object;
    tally.findings.push_back(
        floor.written != nullptr
            ? at(std::move(r), where, floor.written->key->line, floor.written->key->column)
            : at(std::move(r), where));
  }
  tally.passed =
      fmt::format("{}: each runs at least {}",
                  count(tally.checked, "Deployment or StatefulSet", "Deployments and StatefulSets"),
                  count(static_cast<std::size_t>(std::max(wanted, 0LL)), "replica"));
  tally.not_applicable = "no Deployment or StatefulSet in the manifests";
}

}  // namespace shipcheck::checks
