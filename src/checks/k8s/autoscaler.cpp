// K8S017: each Deployment has a HorizontalPodAutoscaler, or says why not in the annotation
// shipcheck.dev/no-hpa.
#include "checks/k8s/autoscaler.h"

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

constexpr std::string_view k_annotation = "shipcheck.dev/no-hpa";

}  // namespace

K8sAutoscaler::K8sAutoscaler()
    : K8sRule(RuleInfo{"K8S017", "kubernetes",
                       "Deployments have a HorizontalPodAutoscaler or a reason not to",
                       Severity::low,
                       "add a HorizontalPodAutoscaler whose scaleTargetRef names the Deployment, "
                       "or annotate it shipcheck.dev/no-hpa: \"<why a fixed size is right>\""}) {}

void K8sAutoscaler::inspect(const k8s::Objects& objects, const Config& /*config*/,
                            Tally& tally) const {
  for (const k8s::Object* object : objects.of_kind("Deployment")) {
    if (!object->is_workload()) {
      continue;
    }
    ++tally.checked;
    if (!objects.autoscalers_of(*object).empty()) {
      continue;
    }
    const auto reason = k8s::reason_annotation(*object, k_annotation);
    if (reason && !reason->empty()) {
      continue;
    }
    tally.findings.push_back(
        at(fail(reason ? fmt::format("{}: the {} annotation gives no reason", object->label(),
                                     k_annotation)
                       : fmt::format("{}: no HorizontalPodAutoscaler targets it", object->label())),
           *object));
  }
  tally.passed = fmt::format("{}: each has a HorizontalPodAutoscaler or a {} reason",
                             count(tally.checked, "Deployment"), k_annotation);
  tally.not_applicable = "no Deployment in the manifests";
}

}  // namespace shipcheck::checks
