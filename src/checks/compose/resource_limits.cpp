// CMP004: every compose service has a memory limit and a CPU limit.
#include "checks/compose/resource_limits.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {
namespace {

// The Compose Specification's deploy.resources.limits, else the v2 service-level key.
bool has_limit(const Service& service, std::string_view deploy_key, std::string_view v2_key) {
  const Node* limits = service.node->at({"deploy", "resources", "limits"});
  const Node* value = limits != nullptr ? limits->get(deploy_key) : nullptr;
  if (value == nullptr || value->is_null()) {
    value = service.node->get(v2_key);
  }
  return value != nullptr && !value->is_null();
}

}  // namespace

ComposeResourceLimits::ComposeResourceLimits()
    : ComposeRule(RuleInfo{"CMP004", "compose", "Every compose service has memory and CPU limits",
                           Severity::medium,
                           "set deploy.resources.limits.memory and .cpus (or mem_limit and cpus) "
                           "so one service cannot starve the others"}) {}

void ComposeResourceLimits::inspect(const File& file, const Service& service,
                                    std::vector<Result>& out) const {
  const bool memory = has_limit(service, "memory", "mem_limit");
  const bool cpus = has_limit(service, "cpus", "cpus");
  if (memory && cpus) {
    return;
  }
  const std::string_view missing =
      !memory && !cpus ? "memory or CPU limit" : (!memory ? "memory limit" : "CPU limit");
  const std::string_view keys = !memory && !cpus ? "{memory,cpus}" : (!memory ? "memory" : "cpus");
  out.push_back(finding(file, service, nullptr,
                        fmt::format("service '{}' has no {}", service.name, missing),
                        fmt::format("{}: no deploy.resources.limits.{}", service.name, keys)));
}

}  // namespace shipcheck::checks::compose
