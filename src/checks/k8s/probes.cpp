// K8S002 and K8S003: each container of a long-running workload has a liveness and a
// readiness probe with a handler.
#include "checks/k8s/probes.h"

#include <optional>

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

// What is wrong with the container's `field` probe, or nullopt when it has one with a
// handler the kubelet knows.
std::optional<std::string> probe_problem(const k8s::Container& container, std::string_view field,
                                         std::string_view noun) {
  const yaml::Node* probe = k8s::get(container.node, field);
  if (probe == nullptr || probe->is_null()) {
    return fmt::format("no {} probe", noun);
  }
  for (std::string_view handler : {"httpGet", "tcpSocket", "exec", "grpc"}) {
    if (const yaml::Node* h = k8s::get(probe, handler); h != nullptr && h->is_map()) {
      return std::nullopt;
    }
  }
  return fmt::format("the {} probe has no handler (httpGet, tcpSocket, exec or grpc)", noun);
}

}  // namespace

K8sLivenessProbe::K8sLivenessProbe()
    : K8sRule(RuleInfo{"K8S002", "kubernetes",
                       "Containers of long-running workloads have a liveness probe",
                       Severity::medium,
                       "add a livenessProbe that checks only that the process answers (e.g. "
                       "httpGet /livez), so the kubelet restarts a hung container"}) {}

void K8sLivenessProbe::inspect(const k8s::Objects& objects, const Config& /*config*/,
                               Tally& tally) const {
  each_container(objects, Scope::long_running, tally, "every one has a liveness probe",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   if (auto problem = probe_problem(container, "livenessProbe", "liveness")) {
                     tally.findings.push_back(at_path(
                         fail(fmt::format("{}: {}", k8s::subject(object, container), *problem)),
                         object, container, {"livenessProbe"}));
                   }
                 });
}

K8sReadinessProbe::K8sReadinessProbe()
    : K8sRule(RuleInfo{"K8S003", "kubernetes",
                       "Containers of long-running workloads have a readiness probe",
                       Severity::high,
                       "add a readinessProbe (e.g. httpGet /readyz that checks the database and "
                       "other dependencies), so traffic reaches a pod only once it can serve"}) {}

void K8sReadinessProbe::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                Tally& tally) const {
  each_container(objects, Scope::long_running, tally, "every one has a readiness probe",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   if (auto problem = probe_problem(container, "readinessProbe", "readiness")) {
                     tally.findings.push_back(at_path(
                         fail(fmt::format("{}: {}", k8s::subject(object, container), *problem)),
                         object, container, {"readinessProbe"}));
                   }
                 });
}

}  // namespace shipcheck::checks
