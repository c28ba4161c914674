// K8S010: no container runs privileged.
#include "checks/k8s/privileged.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sPrivileged::K8sPrivileged()
    : K8sRule(RuleInfo{"K8S010", "kubernetes", "No privileged containers", Severity::critical,
                       "remove securityContext.privileged: true; grant the one capability the "
                       "container needs instead (capabilities.add)"}) {}

void K8sPrivileged::inspect(const k8s::Objects& objects, const Config& /*config*/,
                            Tally& tally) const {
  each_container(objects, Scope::all, tally, "none is privileged",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   const yaml::Node* value =
                       k8s::get(k8s::security_context(container), "privileged");
                   if (!k8s::is_true(value)) {
                     return;
                   }
                   tally.findings.push_back(
                       at_path(fail(fmt::format("{}: runs privileged (every capability and every "
                                                "device of the node)",
                                                k8s::subject(object, container)),
                                    evidence("privileged", value)),
                               object, container, {"securityContext", "privileged"}));
                 });
}

}  // namespace shipcheck::checks
