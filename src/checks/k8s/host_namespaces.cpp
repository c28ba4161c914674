// K8S012: no workload shares the node's network, PID or IPC namespace.
#include "checks/k8s/host_namespaces.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sHostNamespaces::K8sHostNamespaces()
    : K8sRule(RuleInfo{"K8S012", "kubernetes", "No hostNetwork, hostPID or hostIPC", Severity::high,
                       "remove hostNetwork/hostPID/hostIPC: true; expose ports through a Service "
                       "instead of the node's network"}) {}

void K8sHostNamespaces::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                Tally& tally) const {
  each_workload(
      objects, tally, "none shares the node's network, PID or IPC namespace",
      [&](const k8s::Object& object) {
        for (std::string_view field : {"hostNetwork", "hostPID", "hostIPC"}) {
          const auto* e = k8s::entry(object.pod_spec, field);
          if (e != nullptr && k8s::is_true(e->value)) {
            tally.findings.push_back(at(
                fail(fmt::format("{}: {}: true", object.label(), field), evidence(field, e->value)),
                object, e->key->line, e->key->column));
          }
        }
      });
}

}  // namespace shipcheck::checks
