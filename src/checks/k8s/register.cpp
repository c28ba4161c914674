// The K8S family's checks (Kubernetes manifests), one sorted line each.
#include "checks/families.h"
#include "checks/k8s/autoscaler.h"
#include "checks/k8s/capabilities.h"
#include "checks/k8s/configmap_secrets.h"
#include "checks/k8s/disruption_budget.h"
#include "checks/k8s/distinct_probes.h"
#include "checks/k8s/env_secrets.h"
#include "checks/k8s/host_namespaces.h"
#include "checks/k8s/host_path.h"
#include "checks/k8s/image_pinned.h"
#include "checks/k8s/image_pull_policy.h"
#include "checks/k8s/manifest_parses.h"
#include "checks/k8s/migrations.h"
#include "checks/k8s/privilege_escalation.h"
#include "checks/k8s/privileged.h"
#include "checks/k8s/probes.h"
#include "checks/k8s/read_only_root.h"
#include "checks/k8s/replicas.h"
#include "checks/k8s/resources.h"
#include "checks/k8s/run_as_non_root.h"
#include "checks/k8s/seccomp.h"
#include "checks/k8s/service_account_token.h"
#include "checks/k8s/service_selectors.h"

namespace shipcheck::checks {

void register_k8s(Registry& registry) {
  registry.emplace<K8sAutoscaler>();
  registry.emplace<K8sCapabilities>();
  registry.emplace<K8sConfigMapSecrets>();
  registry.emplace<K8sDisruptionBudget>();
  registry.emplace<K8sDistinctProbes>();
  registry.emplace<K8sEnvSecrets>();
  registry.emplace<K8sHostNamespaces>();
  registry.emplace<K8sHostPath>();
  registry.emplace<K8sImagePinned>();
  registry.emplace<K8sImagePullPolicy>();
  registry.emplace<K8sLivenessProbe>();
  registry.emplace<K8sManifestParses>();
  registry.emplace<K8sMigrations>();
  registry.emplace<K8sPrivilegeEscalation>();
  registry.emplace<K8sPrivileged>();
  registry.emplace<K8sReadOnlyRoot>();
  registry.emplace<K8sReadinessProbe>();
  registry.emplace<K8sReplicas>();
  registry.emplace<K8sResourceLimits>();
  registry.emplace<K8sResourceRequests>();
  registry.emplace<K8sRunAsNonRoot>();
  registry.emplace<K8sSeccomp>();
  registry.emplace<K8sServiceAccountToken>();
  registry.emplace<K8sServiceSelectors>();
}

}  // namespace shipcheck::checks
