// CMP011: no compose service adds a dangerous capability or turns off seccomp/AppArmor.
#include "checks/compose/no_dangerous_capabilities.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks::compose {
namespace {

// Each one is close to root on the host (CIS Docker Benchmark 5.3; kube-linter's list).
constexpr std::array<std::string_view, 6> k_dangerous = {
    "ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH"};

std::string capability_name(std::string_view written) {
  std::string name = to_upper(trim(written));
  if (name.starts_with("CAP_")) {
    name.erase(0, 4);
  }
  return name;
}

// "seccomp:unconfined" and the docker CLI's "seccomp=unconfined" alike.
std::string normalized_option(std::string_view written) {
  std::string option = to_lower(trim(written));
  std::replace(option.begin(), option.end(), '=', ':');
  return option;
}

}  // namespace

ComposeNoDangerousCapabilities::ComposeNoDangerousCapabilities()
    : ComposeRule(RuleInfo{"CMP011", "compose",
                           "No dangerous capabilities or unconfined security profiles",
                           Severity::high,
                           "drop the capability from cap_add (add the narrow one the service "
                           "needs) and remove seccomp/apparmor `unconfined` from security_opt"}) {}

void ComposeNoDangerousCapabilities::inspect(const File& file, const Service& service,
                                             std::vector<Result>& out) const {
  if (const Node* caps = service.node->get("cap_add")) {
    for (const Node* item : caps->items) {
      const std::string name = capability_name(item->str());
      if (std::find(k_dangerous.begin(), k_dangerous.end(), name) != k_dangerous.end()) {
        out.push_back(finding(file, service, item,
                              fmt::format("service '{}' adds capability {}", service.name, name),
                              "cap_add: " + item->value));
      }
    }
  }
  if (const Node* options = service.node->get("security_opt")) {
    for (const Node* item : options->items) {
      const std::string option = normalized_option(item->str());
      if (option == "seccomp:unconfined" || option == "apparmor:unconfined") {
        out.push_back(finding(file, service, item,
                              fmt::format("service '{}' runs without {} confinement", service.name,
                                          option.substr(0, option.find(':'))),
                              "security_opt: " + item->value));
      }
    }
  }
}

}  // namespace shipcheck::checks::compose
