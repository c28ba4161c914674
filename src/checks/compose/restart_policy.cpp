// CMP002: every long-running compose service restarts after a crash or a reboot.
#include "checks/compose/restart_policy.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {
namespace {

bool restarts(std::string_view value) {
  return value == "always" || value == "unless-stopped" || value == "on-failure" ||
         value.starts_with("on-failure:");
}

}  // namespace

ComposeRestartPolicy::ComposeRestartPolicy()
    : ComposeRule(RuleInfo{"CMP002", "compose", "Every compose service has a restart policy",
                           Severity::medium,
                           "add `restart: unless-stopped` (or `always`, `on-failure`) to each "
                           "long-running service"}) {}

// Migration and seed jobs are meant to run once: other services wait for them to exit.
bool ComposeRestartPolicy::applies(const File& file, const Service& service) const {
  return !is_one_shot(file, service);
}

std::string ComposeRestartPolicy::out_of_scope() const {
  return "every service is a one-shot job (depended on with service_completed_successfully)";
}

void ComposeRestartPolicy::inspect(const File& file, const Service& service,
                                   std::vector<Result>& out) const {
  if (const Node* restart = service.node->get("restart")) {
    // Unquoted `no` is YAML 1.1's false; compose means the same policy.
    const std::string value = restart->as_bool() == false ? "no" : std::string(restart->str());
    if (restarts(value) || value.find("${") != std::string::npos) {
      return;
    }
    const std::string message =
        value == "no"
            ? fmt::format("service '{}' is never restarted (restart: \"no\")", service.name)
            : fmt::format("service '{}' has an unknown restart policy '{}'", service.name,
                          value.substr(0, 40));
    out.push_back(finding(file, service, restart, message, evidence("restart", restart)));
    return;
  }
  if (const Node* policy = service.node->at({"deploy", "restart_policy"})) {
    const Node* condition = policy->get("condition");  // absent: `any`
    if (condition != nullptr && condition->str() == "none") {
      out.push_back(
          finding(file, service, condition,
                  fmt::format("service '{}' is never restarted (restart_policy condition: none)",
                              service.name),
                  evidence("condition", condition)));
    }
    return;
  }
  out.push_back(finding(file, service, nullptr,
                        fmt::format("service '{}' has no restart policy", service.name),
                        service.name + ": no restart, no deploy.restart_policy"));
}

}  // namespace shipcheck::checks::compose
