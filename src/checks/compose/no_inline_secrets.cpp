// CMP008: no literal secret in a compose service's `environment`.
#include "checks/compose/no_inline_secrets.h"

#include <fmt/format.h>

namespace shipcheck::checks::compose {

ComposeNoInlineSecrets::ComposeNoInlineSecrets()
    : ComposeRule(RuleInfo{"CMP008", "compose", "No literal secrets in compose environment",
                           Severity::critical,
                           "reference the value instead (`KEY: ${KEY}` with the value in an "
                           "untracked .env, `env_file:`, or compose `secrets:`) and rotate the "
                           "exposed secret"}) {}

// ${VAR} references, pass-through keys and env_file are fine: literal_secret decides.
void ComposeNoInlineSecrets::inspect(const File& file, const Service& service,
                                     std::vector<Result>& out) const {
  for (const EnvVar& var : environment(service)) {
    if (!var.value) {
      continue;
    }
    if (auto shown = infra::literal_secret(var.name, *var.value)) {
      out.push_back(finding(file, service, var.node,
                            fmt::format("service '{}' sets {} to a literal secret", service.name,
                                        var.name.substr(0, 80)),
                            std::move(*shown)));
    }
  }
}

}  // namespace shipcheck::checks::compose
