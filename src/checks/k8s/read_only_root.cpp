// K8S008: every container sets readOnlyRootFilesystem: true.
#include "checks/k8s/read_only_root.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sReadOnlyRoot::K8sReadOnlyRoot()
    : K8sRule(RuleInfo{"K8S008", "kubernetes", "Containers have a read-only root filesystem",
                       Severity::medium,
                       "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir "
                       "where the app must write (/tmp, caches)"}) {}

void K8sReadOnlyRoot::inspect(const k8s::Objects& objects, const Config& /*config*/,
                              Tally& tally) const {
  each_container(objects, Scope::all, tally, "every one has a read-only root filesystem",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   const yaml::Node* value =
                       k8s::get(k8s::security_context(container), "readOnlyRootFilesystem");
                   if (k8s::is_true(value)) {
                     return;
                   }
                   const std::string message = value == nullptr
                                                   ? "readOnlyRootFilesystem is not set to true"
                                                   : "readOnlyRootFilesystem is not true";
                   tally.findings.push_back(
                       at_path(fail(fmt::format("{}: {}", k8s::subject(object, container), message),
                                    value ? evidence("readOnlyRootFilesystem", value) : ""),
                               object, container, {"securityContext", "readOnlyRootFilesystem"}));
                 });
}

}  // namespace shipcheck::checks
