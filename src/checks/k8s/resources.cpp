// K8S004 and K8S005: every container (and initContainer) sets CPU and memory requests, and
// CPU and memory limits.
#include "checks/k8s/resources.h"

#include <optional>

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

bool set(const yaml::Node* amounts, std::string_view resource) {
  const yaml::Node* value = k8s::get(amounts, resource);
  return value != nullptr && value->is_scalar() && !value->value.empty();
}

// "no CPU request", "no memory limit", "no CPU or memory request"; nullopt when both are set.
std::optional<std::string> missing(const yaml::Node* amounts, std::string_view noun) {
  const bool cpu = set(amounts, "cpu");
  const bool memory = set(amounts, "memory");
  if (cpu && memory) {
    return std::nullopt;
  }
  return fmt::format("no {} {}", !cpu && !memory ? "CPU or memory" : !cpu ? "CPU" : "memory", noun);
}

}  // namespace

K8sResourceRequests::K8sResourceRequests()
    : K8sRule(RuleInfo{"K8S004", "kubernetes", "Containers request CPU and memory",
                       Severity::medium,
                       "set resources.requests.cpu and resources.requests.memory on every "
                       "container, so the scheduler places pods where they fit"}) {}

void K8sResourceRequests::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                  Tally& tally) const {
  each_container(objects, Scope::resources, tally, "every one requests CPU and memory",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   const yaml::Node* amounts =
                       k8s::get(k8s::get(container.node, "resources"), "requests");
                   if (auto problem = missing(amounts, "request")) {
                     tally.findings.push_back(at_path(
                         fail(fmt::format("{}: {}", k8s::subject(object, container), *problem)),
                         object, container, {"resources", "requests"}));
                   }
                 });
}

K8sResourceLimits::K8sResourceLimits()
    : K8sRule(RuleInfo{"K8S005", "kubernetes", "Containers have CPU and memory limits",
                       Severity::medium,
                       "set resources.limits.cpu and resources.limits.memory on every container, "
                       "so one pod cannot starve its node"}) {}

void K8sResourceLimits::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                Tally& tally) const {
  each_container(objects, Scope::resources, tally, "every one has CPU and memory limits",
                 [&](const k8s::Object& object, const k8s::Container& container) {
                   const yaml::Node* amounts =
                       k8s::get(k8s::get(container.node, "resources"), "limits");
                   if (auto problem = missing(amounts, "limit")) {
                     tally.findings.push_back(at_path(
                         fail(fmt::format("{}: {}", k8s::subject(object, container), *problem)),
                         object, container, {"resources", "limits"}));
                   }
                 });
}

}  // namespace shipcheck::checks
