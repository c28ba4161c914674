// CMP006: no compose service shares the host's network, PID or IPC namespace.
#include "checks/compose/no_host_namespaces.h"

#include <array>

#include <fmt/format.h>

namespace shipcheck::checks::compose {
namespace {

struct Namespace {
  std::string_view key;
  std::string_view what;
};

constexpr std::array<Namespace, 3> k_namespaces = {{
    {"network_mode", "network"},
    {"pid", "process (PID) namespace"},
    {"ipc", "IPC namespace"},
}};

}  // namespace

ComposeNoHostNamespaces::ComposeNoHostNamespaces()
    : ComposeRule(RuleInfo{"CMP006", "compose",
                           "No compose service uses the host's network, PID or IPC namespace",
                           Severity::high,
                           "remove `network_mode: host` (publish the ports the service needs), "
                           "`pid: host` and `ipc: host`"}) {}

void ComposeNoHostNamespaces::inspect(const File& file, const Service& service,
                                      std::vector<Result>& out) const {
  for (const Namespace& ns : k_namespaces) {
    const Node* value = service.node->get(ns.key);
    if (value != nullptr && value->str() == "host") {
      out.push_back(finding(file, service, value,
                            fmt::format("service '{}' shares the host's {} ({}: host)",
                                        service.name, ns.what, ns.key),
                            evidence(ns.key, value)));
    }
  }
}

}  // namespace shipcheck::checks::compose
