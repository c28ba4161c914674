// CMP010: a dependency on a service with a healthcheck waits for it to be healthy.
#include "checks/compose/depends_on_healthy.h"

#include <algorithm>

#include <fmt/format.h>

namespace shipcheck::checks::compose {
namespace {

bool has_healthcheck(const File& file, std::string_view name) {
  const Service* service = file.find(name);
  return service != nullptr && compose::has_healthcheck(*service);
}

}  // namespace

ComposeDependsOnHealthy::ComposeDependsOnHealthy()
    : ComposeRule(RuleInfo{
          "CMP010", "compose", "depends_on waits for healthy services where a healthcheck exists",
          Severity::low, "use the map form: `depends_on: {db: {condition: service_healthy}}`"}) {}

bool ComposeDependsOnHealthy::applies(const File& file, const Service& service) const {
  const auto deps = depends_on(service);
  return std::any_of(deps.begin(), deps.end(),
                     [&](const Dependency& dep) { return has_healthcheck(file, dep.name); });
}

std::string ComposeDependsOnHealthy::out_of_scope() const {
  return "no service depends on a service that has a healthcheck";
}

void ComposeDependsOnHealthy::inspect(const File& file, const Service& service,
                                      std::vector<Result>& out) const {
  for (const Dependency& dep : depends_on(service)) {
    if (!has_healthcheck(file, dep.name) || dep.condition == "service_healthy") {
      continue;
    }
    const std::string how =
        dep.condition.empty() ? "as soon as it starts" : "with condition " + dep.condition;
    out.push_back(
        finding(file, service, dep.node,
                fmt::format("service '{}' waits for '{}' {}, not until it is healthy", service.name,
                            dep.name, how),
                fmt::format("depends_on: {}{}", dep.name,
                            dep.condition.empty() ? "" : " (condition: " + dep.condition + ")")));
  }
}

}  // namespace shipcheck::checks::compose
