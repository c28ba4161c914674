// K8S022: no container env entry carries a literal secret in `value`.
#include "checks/k8s/env_secrets.h"

#include <fmt/format.h>

#include "checks/infra_files.h"

namespace shipcheck::checks {

K8sEnvSecrets::K8sEnvSecrets()
    : K8sRule(RuleInfo{"K8S022", "kubernetes", "No literal secrets in container env",
                       Severity::critical,
                       "replace `value:` with valueFrom.secretKeyRef (or envFrom.secretRef) "
                       "naming a Secret kept out of git; rotate the exposed value"}) {}

void K8sEnvSecrets::inspect(const k8s::Objects& objects, const Config& /*config*/,
                            Tally& tally) const {
  each_container(
      objects, Scope::all, tally, "no env value is a literal secret",
      [&](const k8s::Object& object, const k8s::Container& container) {
        const yaml::Node* env = k8s::get(container.node, "env");
        if (env == nullptr || !env->is_seq()) {
          return;
        }
        for (const yaml::Node* var : env->items) {
          const auto* value = k8s::entry(var, "value");
          if (value == nullptr || !value->value->is_scalar()) {
            continue;
          }
          const std::string_view name = k8s::scalar(var, "name");
          if (auto shown = k8s::literal_secret(name, value->value->value)) {
            tally.findings.push_back(at(fail(fmt::format("{}: env {} has a literal secret value",
                                                         k8s::subject(object, container), name),
                                             *shown),
                                        object, value->key->line, value->key->column));
          }
        }
      });
}

}  // namespace shipcheck::checks
