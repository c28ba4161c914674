// K8S019: every Service with a selector selects the pod template of a workload in the
// manifests (same namespace).
#include "checks/k8s/service_selectors.h"

#include <algorithm>

#include <fmt/format.h>

namespace shipcheck::checks {

K8sServiceSelectors::K8sServiceSelectors()
    : K8sRule(RuleInfo{"K8S019", "kubernetes", "Services select pods that exist", Severity::high,
                       "make the Service's spec.selector a subset of the pod template's labels "
                       "(metadata.labels under spec.template), in the same namespace"}) {}

void K8sServiceSelectors::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                  Tally& tally) const {
  tally.not_applicable = "no Service with a selector in the manifests";
  if (objects.workloads().empty()) {
    // Services of workloads deployed from elsewhere (another repository, a Helm chart).
    tally.not_applicable = "no workload in the manifests to select";
    return;
  }
  for (const k8s::Object* service : objects.of_kind("Service")) {
    const yaml::Node* spec = k8s::get(service->node, "spec");
    const k8s::Labels selector = k8s::string_map(k8s::get(spec, "selector"));
    // No selector: endpoints are managed by hand (or type ExternalName) — nothing to match.
    if (selector.empty() || k8s::scalar(spec, "type") == "ExternalName") {
      continue;
    }
    ++tally.checked;
    const auto candidates = objects.workloads_with(selector);
    const bool matched =
        std::any_of(candidates.begin(), candidates.end(),
                    [&](const k8s::Object* w) { return k8s::same_namespace(*service, *w); });
    if (!matched) {
      const auto* e = k8s::entry(spec, "selector");
      tally.findings.push_back(
          at(fail(fmt::format("{}: its selector matches no pod template in the manifests",
                              service->label()),
                  fmt::format("selector: {}", k8s::describe(selector))),
             *service, e->key->line, e->key->column));
    }
  }
  tally.passed = fmt::format("{}: each selects a pod template in the manifests",
                             count(tally.checked, "Service"));
}

}  // namespace shipcheck::checks
