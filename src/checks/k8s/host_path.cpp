// K8S011: no workload mounts a hostPath volume.
#include "checks/k8s/host_path.h"

#include <fmt/format.h>

namespace shipcheck::checks {

K8sHostPath::K8sHostPath()
    : K8sRule(RuleInfo{"K8S011", "kubernetes", "No hostPath volumes", Severity::high,
                       "replace hostPath volumes with emptyDir, a PersistentVolumeClaim, a "
                       "ConfigMap or a Secret; logs go to stdout"}) {}

void K8sHostPath::inspect(const k8s::Objects& objects, const Config& /*config*/,
                          Tally& tally) const {
  each_workload(objects, tally, "none mounts a hostPath volume", [&](const k8s::Object& object) {
    const yaml::Node* volumes = k8s::get(object.pod_spec, "volumes");
    if (volumes == nullptr || !volumes->is_seq()) {
      return;
    }
    for (const yaml::Node* volume : volumes->items) {
      const auto* host_path = k8s::entry(volume, "hostPath");
      if (host_path == nullptr) {
        continue;
      }
      const std::string_view name = k8s::scalar(volume, "name");
      const std::string_view path = k8s::scalar(host_path->value, "path");
      tally.findings.push_back(at(
          fail(fmt::format("{}: volume {} mounts the node's {}", object.label(),
                           name.empty() ? "(unnamed)" : name, path.empty() ? "filesystem" : path),
               fmt::format("hostPath: {{path: {}}}", path)),
          object, host_path->key->line, host_path->key->column));
    }
  });
}

}  // namespace shipcheck::checks
