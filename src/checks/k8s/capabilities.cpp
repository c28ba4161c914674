// K8S009: every container drops ALL capabilities and adds none of the dangerous ones.
#include "checks/k8s/capabilities.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"

namespace shipcheck::checks {
namespace {

// Capabilities that reach beyond the container: the node's network, kernel, devices,
// other processes, or every file. NET_BIND_SERVICE and the like stay allowed.
constexpr std::array<std::string_view, 16> k_dangerous{
    "ALL",       "SYS_ADMIN", "NET_ADMIN",    "NET_RAW",         "SYS_PTRACE",   "SYS_MODULE",
    "SYS_RAWIO", "SYS_BOOT",  "SYS_TIME",     "DAC_READ_SEARCH", "DAC_OVERRIDE", "BPF",
    "PERFMON",   "MAC_ADMIN", "MAC_OVERRIDE", "SYSLOG"};

// "CAP_SYS_ADMIN" and "sys_admin" name SYS_ADMIN: container runtimes accept both forms.
std::string canonical(std::string_view capability) {
  std::string upper = to_upper(trim(capability));
  return upper.starts_with("CAP_") ? upper.substr(4) : upper;
}

std::vector<std::string> names(const yaml::Node* list) {
  std::vector<std::string> out;
  if (list != nullptr && list->is_seq()) {
    for (const yaml::Node* item : list->items) {
      if (item->is_scalar()) {
        out.push_back(canonical(item->value));
      }
    }
  }
  return out;
}

}  // namespace

K8sCapabilities::K8sCapabilities()
    : K8sRule(
          RuleInfo{"K8S009", "kubernetes",
                   "Containers drop all capabilities and add no dangerous one", Severity::medium,
                   "set securityContext.capabilities.drop: [ALL] and add back only what the "
                   "process needs (e.g. NET_BIND_SERVICE), never SYS_ADMIN, NET_ADMIN or ALL"}) {}

void K8sCapabilities::inspect(const k8s::Objects& objects, const Config& /*config*/,
                              Tally& tally) const {
  each_container(
      objects, Scope::all, tally, "every one drops ALL capabilities and adds no dangerous one",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const yaml::Node* caps = k8s::get(k8s::security_context(container), "capabilities");
        const auto dropped = names(k8s::get(caps, "drop"));
        std::vector<std::string> added;
        for (auto& cap : names(k8s::get(caps, "add"))) {
          if (std::find(k_dangerous.begin(), k_dangerous.end(), cap) != k_dangerous.end()) {
            added.push_back(std::move(cap));
          }
        }
        const std::string who = k8s::subject(object, container);
        if (!added.empty()) {
          tally.findings.push_back(at_path(
              fail(fmt::format("{}: adds dangerous capabilities: {}", who, fmt::join(added, ", ")),
                   fmt::format("capabilities.add: [{}]", fmt::join(added, ", "))),
              object, container, {"securityContext", "capabilities", "add"}));
        }
        if (std::find(dropped.begin(), dropped.end(), "ALL") == dropped.end()) {
          tally.findings.push_back(
              at_path(fail(fmt::format("{}: does not drop ALL capabilities", who),
                           dropped.empty()
                               ? std::string{}
                               : fmt::format("capabilities.drop: [{}]", fmt::join(dropped, ", "))),
                      object, container, {"securityContext", "capabilities", "drop"}));
        }
      });
}

}  // namespace shipcheck::checks
