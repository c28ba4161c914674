// K8S021: a container's liveness probe is not its readiness probe (same handler and same
// timings), which would restart pods that are merely busy or waiting on a dependency.
#include "checks/k8s/distinct_probes.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace shipcheck::checks {
namespace {

// The kubelet's defaults, so that `periodSeconds: 10` equals leaving it out.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_timings{{
    {"initialDelaySeconds", "0"},
    {"periodSeconds", "10"},
    {"timeoutSeconds", "1"},
    {"successThreshold", "1"},
    {"failureThreshold", "3"},
}};

// A canonical text of a node: maps with sorted keys (but `skip`), scalars as written.
// Aliases share nodes, so a hostile handler could expand exponentially: `budget` caps the
// nodes visited, and an exhausted walk says so (two such probes then compare unequal).
std::string canonical(const yaml::Node* node, int& budget, std::string_view skip = {}) {
  if (--budget < 0) {
    return fmt::format("<too big {}>", static_cast<const void*>(node));
  }
  if (node == nullptr || node->is_null()) {
    return "~";
  }
  if (node->is_scalar()) {
    return fmt::format("'{}'", node->value);
  }
  std::vector<std::string> parts;
  if (node->is_seq()) {
    for (const yaml::Node* item : node->items) {
      parts.push_back(canonical(item, budget));
    }
    return fmt::format("[{}]", fmt::join(parts, ","));
  }
  for (const auto& e : node->entries) {
    if (e.key != nullptr && !skip.empty() && e.key->value == skip) {
      continue;
    }
    parts.push_back(fmt::format("{}:{}", e.key ? e.key->value : "", canonical(e.value, budget)));
  }
  std::sort(parts.begin(), parts.end());
  return fmt::format("{{{}}}", fmt::join(parts, ","));
}

// The port a handler names, as a number when the container names its ports.
std::string port_of(const yaml::Node* handler, const yaml::Node* container) {
  const std::string_view port = k8s::scalar(handler, "port");
  const yaml::Node* ports = k8s::get(container, "ports");
  if (ports != nullptr && ports->is_seq()) {
    for (const yaml::Node* p : ports->items) {
      if (k8s::scalar(p, "name") == port && !port.empty()) {
        return std::string(k8s::scalar(p, "containerPort"));
      }
    }
  }
  return std::string(port);
}

// What a probe does and when: its handler (ports resolved) and its timings (defaults filled).
std::string behaviour(const yaml::Node* probe, const yaml::Node* container) {
  std::string out;
  int budget = 1000;  // a real handler has a dozen nodes
  for (std::string_view handler : {"httpGet", "tcpSocket", "exec", "grpc"}) {
    if (const yaml::Node* h = k8s::get(probe, handler)) {
      out += fmt::format("{}={};port={};", handler, canonical(h, budget, "port"),
                         port_of(h, container));
    }
  }
  for (const auto& [field, fallback] : k_timings) {
    const std::string_view value = k8s::scalar(probe, field);
    out += fmt::format("{}={};", field, value.empty() ? fallback : value);
  }
  return out;
}

}  // namespace

K8sDistinctProbes::K8sDistinctProbes()
    : K8sRule(RuleInfo{"K8S021", "kubernetes", "Liveness and readiness probes differ",
                       Severity::medium,
                       "point the liveness probe at an endpoint that checks only the process "
                       "(/livez) and the readiness probe at one that checks dependencies "
                       "(/readyz); or give liveness a higher failureThreshold"}) {}

void K8sDistinctProbes::inspect(const k8s::Objects& objects, const Config& /*config*/,
                                Tally& tally) const {
  each_container(
      objects, Scope::long_running, tally, "liveness differs from readiness",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const yaml::Node* liveness = k8s::get(container.node, "livenessProbe");
        const yaml::Node* readiness = k8s::get(container.node, "readinessProbe");
        if (liveness == nullptr || readiness == nullptr || !liveness->is_map() ||
            !readiness->is_map()) {
          // Nothing to duplicate: K8S002/K8S003 speak for a missing probe, and this rule
          // stays applicable so that removing one probe changes only their verdict.
          return;
        }
        if (behaviour(liveness, container.node) == behaviour(readiness, container.node)) {
          tally.findings.push_back(at_path(
              fail(fmt::format("{}: the liveness probe is the readiness probe (same handler and "
                               "timings), so a busy pod is restarted instead of taken out of "
                               "rotation",
                               k8s::subject(object, container))),
              object, container, {"livenessProbe"}));
        }
      });
  tally.passed = fmt::format("{}: no liveness probe duplicates the readiness probe",
                             count(tally.checked, "container"));
}

}  // namespace shipcheck::checks
