// K8S016: PodDisruptionBudgets.
#include "checks/k8s/disruption_budget.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

constexpr std::string_view k_pdb =
    "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\n"
    "metadata: {name: todo-api, namespace: prod}\nspec:\n  maxUnavailable: 1\n  selector:\n"
    "    matchLabels: {app: todo-api}\n";

TEST(K8sDisruptionBudget, FailsWhenThereIsNone) {
  const std::string text = edit(k_good_manifest, k_pdb, "");
  const auto results = run_on(checks::K8sDisruptionBudget(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S016");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "Deployment todo-api: no PodDisruptionBudget selects its pods");
  EXPECT_EQ(results[0].location->line, line_of(text, "kind: Deployment"));
  EXPECT_EQ(results[0].evidence, "pod labels: {app: todo-api, tier: web}");
}

TEST(K8sDisruptionBudget, FailsWhenItSelectsOtherPods) {
  const std::string text =
      edit(k_good_manifest, "    matchLabels: {app: todo-api}\n---\napiVersion: autoscaling",
           "    matchLabels: {app: todo-web}\n---\napiVersion: autoscaling");
  EXPECT_EQ(statuses(run_on(checks::K8sDisruptionBudget(), text)), "fail");
}

TEST(K8sDisruptionBudget, FailsWhenItIsInAnotherNamespace) {
  const std::string text = edit(
      k_good_manifest, "kind: PodDisruptionBudget\nmetadata: {name: todo-api, namespace: prod}",
      "kind: PodDisruptionBudget\nmetadata: {name: todo-api, namespace: staging}");
  EXPECT_EQ(statuses(run_on(checks::K8sDisruptionBudget(), text)), "fail");
}

TEST(K8sDisruptionBudget, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sDisruptionBudget(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 Deployment or StatefulSet with 2 or more replicas: each has a PodDisruptionBudget "
            "(k8s/app.yaml)");
}

TEST(K8sDisruptionBudget, PassesWithMatchExpressions) {
  const std::string text =
      edit(k_good_manifest, "    matchLabels: {app: todo-api}\n---\napiVersion: autoscaling",
           "    matchExpressions:\n      - {key: app, operator: In, values: [todo-api, x]}\n"
           "      - {key: canary, operator: DoesNotExist}\n---\napiVersion: autoscaling");
  EXPECT_EQ(statuses(run_on(checks::K8sDisruptionBudget(), text)), "pass");
}

TEST(K8sDisruptionBudget, SkipsASingleReplica) {
  const auto results = run_on(checks::K8sDisruptionBudget(), R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: cron-runner}
spec:
  replicas: 1
  selector: {matchLabels: {app: cron}}
  template:
    metadata: {labels: {app: cron}}
    spec: {containers: [{name: run, image: "app:1.0"}]}
)");
  EXPECT_EQ(statuses(results), "skip");
}

}  // namespace
}  // namespace shipcheck::test
