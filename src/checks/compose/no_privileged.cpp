// CMP005: no compose service runs privileged.
#include "checks/compose/no_privileged.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {

ComposeNoPrivileged::ComposeNoPrivileged()
    : ComposeRule(RuleInfo{"CMP005", "compose", "No compose service runs privileged",
                           Severity::critical,
                           "remove `privileged: true`; add only the capabilities or devices the "
                           "service needs (cap_add, devices)"}) {}

void ComposeNoPrivileged::inspect(const File& file, const Service& service,
                                  std::vector<Result>& out) const {
  const Node* privileged = service.node->get("privileged");
  if (privileged == nullptr) {
    return;
  }
  if (privileged->as_bool() == true || privileged->str() == "true") {
    out.push_back(finding(file, service, privileged,
                          fmt::format("service '{}' runs privileged", service.name),
                          evidence("privileged", privileged)));
  }
}

}  // namespace shipcheck::checks::compose
