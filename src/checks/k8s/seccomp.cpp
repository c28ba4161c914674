// K8S023: every container runs under a seccomp profile (RuntimeDefault or Localhost), its
// own or the pod's.
#include "checks/k8s/seccomp.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sSeccomp::K8sSeccomp()
    : K8sRule(RuleInfo{"K8S023", "kubernetes", "Containers run under a seccomp profile",
                       Severity::low,
                       "set securityContext.seccompProfile.type: RuntimeDefault on the pod (or "
                       "Localhost with a profile of your own)"}) {}

void K8sSeccomp::inspect(const k8s::Objects& objects, const Config& /*config*/,
                         Tally& tally) const {
  each_container(
      objects, Scope::all, tally,
      "every one runs under the RuntimeDefault or a Localhost "
      "seccomp profile",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const auto profile = k8s::effective_setting(object, container, "seccompProfile");
        const std::string who = k8s::subject(object, container);
        if (!profile) {
          tally.findings.push_back(
              at(fail(fmt::format("{}: no seccompProfile (pod or container securityContext)", who)),
                 object, container));
          return;
        }
        const auto* type = k8s::entry(profile->value(), "type");
        const std::string_view value = k8s::scalar(profile->value(), "type");
        if (value == "RuntimeDefault" || value == "Localhost") {
          return;
        }
        const auto* where = type != nullptr ? type : profile->entry;
        tally.findings.push_back(
            at(fail(fmt::format("{}: seccompProfile type is {}", who,
                                value.empty() ? "not set" : value),
                    evidence("seccompProfile.type", type ? type->value : nullptr)),
               object, where->key->line, where->key->column));
      });
}

}  // namespace shipcheck::checks
