// CMP003: every long-running compose service declares a healthcheck that is switched on.
#include "checks/compose/healthcheck.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {

ComposeHealthcheck::ComposeHealthcheck()
    : ComposeRule(RuleInfo{"CMP003", "compose", "Every compose service has a healthcheck",
                           Severity::medium,
                           "add a `healthcheck:` with a `test` that calls the service's health "
                           "endpoint (e.g. [\"CMD\", \"curl\", \"-fsS\", "
                           "\"http://localhost:8000/health\"])"}) {}

// A job that runs once and exits has nothing to report health about.
bool ComposeHealthcheck::applies(const File& file, const Service& service) const {
  return !is_one_shot(file, service);
}

std::string ComposeHealthcheck::out_of_scope() const {
  return "every service is a one-shot job (depended on with service_completed_successfully)";
}

void ComposeHealthcheck::inspect(const File& file, const Service& service,
                                 std::vector<Result>& out) const {
  if (has_healthcheck(service)) {
    return;
  }
  const Node* check = service.node->get("healthcheck");
  if (check == nullptr || !check->is_map()) {
    out.push_back(finding(file, service, check,
                          fmt::format("service '{}' has no healthcheck", service.name),
                          service.name + ": no healthcheck"));
    return;
  }
  // A map that has_healthcheck() refused: `disable: true` or `test: ["NONE"]`.
  const Node* disable = check->get("disable");
  const bool disabled = disable != nullptr && disable->as_bool() == true;
  const std::string_view key = disabled ? "disable" : "test";
  const Node* off = disabled ? disable : check->get("test");
  const std::string shown =
      off->is_seq() ? fmt::format("{}: [{}]", key, off->items.empty() ? "" : off->items[0]->str())
                    : evidence(key, off);
  out.push_back(finding(file, service, off,
                        fmt::format("service '{}' has its healthcheck disabled", service.name),
                        shown));
}

}  // namespace shipcheck::checks::compose
