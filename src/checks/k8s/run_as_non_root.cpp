// K8S006: every container runs with runAsNonRoot: true (its own or the pod's) and no
// runAsUser: 0.
#include "checks/k8s/run_as_non_root.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sRunAsNonRoot::K8sRunAsNonRoot()
    : K8sRule(RuleInfo{"K8S006", "kubernetes", "Containers run as a non-root user", Severity::high,
                       "set securityContext.runAsNonRoot: true on the pod (and a non-zero "
                       "runAsUser, or a USER in the image); never runAsUser: 0"}) {}

void K8sRunAsNonRoot::inspect(const k8s::Objects& objects, const Config& /*config*/,
                              Tally& tally) const {
  each_container(
      objects, Scope::all, tally, "every one runs with runAsNonRoot: true",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const auto non_root = k8s::effective_setting(object, container, "runAsNonRoot");
        const auto user = k8s::effective_setting(object, container, "runAsUser");
        const std::string who = k8s::subject(object, container);
        // runAsUser: 0 wins: the kubelet refuses to start it with runAsNonRoot, and without
        // it the container is root whatever the image says.
        if (user && user->value()->as_int() == 0) {
          tally.findings.push_back(at(fail(fmt::format("{}: runs as root (runAsUser: 0)", who),
                                           evidence("runAsUser", user->value())),
                                      object, user->entry->key->line, user->entry->key->column));
        } else if (!non_root) {
          tally.findings.push_back(
              at(fail(fmt::format("{}: runAsNonRoot is not set (pod or container securityContext)",
                                  who)),
                 object, container));
        } else if (!k8s::is_true(non_root->value())) {
          tally.findings.push_back(at(fail(fmt::format("{}: runAsNonRoot is not true", who),
                                           evidence("runAsNonRoot", non_root->value())),
                                      object, non_root->entry->key->line,
                                      non_root->entry->key->column));
        }
      });
}

}  // namespace shipcheck::checks
