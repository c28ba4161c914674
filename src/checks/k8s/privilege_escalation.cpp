// K8S007: every container sets allowPrivilegeEscalation: false.
#include "checks/k8s/privilege_escalation.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sPrivilegeEscalation::K8sPrivilegeEscalation()
    : K8sRule(RuleInfo{"K8S007", "kubernetes", "Containers set allowPrivilegeEscalation: false",
                       Severity::high,
                       "set securityContext.allowPrivilegeEscalation: false on every container "
                       "(setuid binaries then cannot gain privileges)"}) {}

void K8sPrivilegeEscalation::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                     Tally& tally) const {
  each_container(objects, Scope::all, tally, "every one sets allowPrivilegeEscalation: false",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   const yaml::Node* value =
                       k8s::get(k8s::security_context(container), "allowPrivilegeEscalation");
                   if (k8s::is_false(value)) {
                     return;
                   }
                   const std::string message = value == nullptr
                                                   ? "allowPrivilegeEscalation is not set to false"
                                                   : "allowPrivilegeEscalation is not false";
                   tally.findings.push_back(
                       at_path(fail(fmt::format("{}: {}", k8s::subject(object, container), message),
                                    value ? evidence("allowPrivilegeEscalation", value) : ""),
                               object, container, {"securityContext", "allowPrivilegeEscalation"}));
                 });
}

}  // namespace shipcheck::checks
