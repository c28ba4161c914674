// K8S024: pods do not mount a service account token (automountServiceAccountToken: false on
// the pod or its ServiceAccount), unless annotated shipcheck.dev/needs-api with a reason.
#include "checks/k8s/service_account_token.h"

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

constexpr std::string_view k_annotation = "shipcheck.dev/needs-api";

// The ServiceAccount the pod runs as, when the manifests define it.
const k8s::Object* service_account(const k8s::Objects& objects, const k8s::Object& workload) {
  std::string_view name = k8s::scalar(workload.pod_spec, "serviceAccountName");
  if (name.empty()) {
    name = k8s::scalar(workload.pod_spec, "serviceAccount");  // the deprecated alias
  }
  name = name.empty() ? "default" : name;
  const auto accounts = objects.named("ServiceAccount", name, workload);
  return accounts.empty() ? nullptr : accounts.front();
}

}  // namespace

K8sServiceAccountToken::K8sServiceAccountToken()
    : K8sRule(RuleInfo{"K8S024", "kubernetes",
                       "Pods do not mount a service account token they do not need", Severity::low,
                       "set automountServiceAccountToken: false on the pod spec (or its "
                       "ServiceAccount); if the app calls the Kubernetes API, annotate it "
                       "shipcheck.dev/needs-api: \"<why>\""}) {}

void K8sServiceAccountToken::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                     Tally& tally) const {
  each_workload(
      objects, tally, "none mounts a service account token it does not need",
      [&](const k8s::Object& object) {
        const auto* pod_field = k8s::entry(object.pod_spec, "automountServiceAccountToken");
        const k8s::Object* account = service_account(objects, object);
        // The pod's setting overrides its ServiceAccount's.
        const bool off =
            pod_field != nullptr
                ? k8s::is_false(pod_field->value)
                : account != nullptr &&
                      k8s::is_false(k8s::get(account->node, "automountServiceAccountToken"));
        const auto reason = k8s::reason_annotation(object, k_annotation);
        if (off || (reason && !reason->empty())) {
          return;
        }
        std::string message =
            reason
                ? fmt::format("{}: the {} annotation gives no reason", object.label(), k_annotation)
            : pod_field != nullptr
                ? fmt::format("{}: automountServiceAccountToken is not false", object.label())
                : fmt::format(
                      "{}: the service account token is mounted (automountServiceAccount"
                      "Token is not false on the pod or its ServiceAccount)",
                      object.label());
        Result r =
            fail(std::move(message),
                 pod_field != nullptr ? evidence("automountServiceAccountToken", pod_field->value)
                                      : std::string{});
        tally.findings.push_back(
            pod_field != nullptr
                ? at(std::move(r), object, pod_field->key->line, pod_field->key->column)
                : at(std::move(r), object));
      });
}

}  // namespace shipcheck::checks
