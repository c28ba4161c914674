// K8S017: HorizontalPodAutoscaler or a reason.
#include "checks/k8s/autoscaler.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sAutoscaler, FailsWhenThereIsNone) {
  const std::string text = edit(k_good_manifest, k_hpa, "");
  const auto results = run_on(checks::K8sAutoscaler(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S017");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].message, "Deployment todo-api: no HorizontalPodAutoscaler targets it");
  EXPECT_EQ(results[0].location->line, line_of(text, "kind: Deployment"));
}

TEST(K8sAutoscaler, FailsWhenTheAnnotationGivesNoReason) {
  const std::string text =
      edit(edit(k_good_manifest, k_hpa, ""), "  labels: {app: todo-api}\nspec:",
           "  labels: {app: todo-api}\n  annotations: {shipcheck.dev/no-hpa: \"\"}\nspec:");
  const auto results = run_on(checks::K8sAutoscaler(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "Deployment todo-api: the shipcheck.dev/no-hpa annotation gives no reason");
}

TEST(K8sAutoscaler, FailsWhenTheAutoscalerTargetsAnotherDeployment) {
  const std::string text = edit(k_good_manifest, "kind: Deployment, name: todo-api}",
                                "kind: Deployment, name: todo-web}");
  EXPECT_EQ(statuses(run_on(checks::K8sAutoscaler(), text)), "fail");
}

TEST(K8sAutoscaler, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sAutoscaler(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 Deployment: each has a HorizontalPodAutoscaler or a shipcheck.dev/no-hpa reason "
            "(k8s/app.yaml)");
}

TEST(K8sAutoscaler, PassesWithAReason) {
  const std::string text =
      edit(edit(k_good_manifest, k_hpa, ""), "  labels: {app: todo-api}\nspec:",
           "  labels: {app: todo-api}\n  annotations:\n"
           "    shipcheck.dev/no-hpa: \"a singleton consumer; scaling would double-process\"\n"
           "spec:");
  EXPECT_EQ(statuses(run_on(checks::K8sAutoscaler(), text)), "pass");
}

TEST(K8sAutoscaler, PassesWithAKedaScaledObject) {
  const std::string text =
      edit(k_good_manifest, k_hpa,
           "---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\n"
           "metadata: {name: todo-api, namespace: prod}\n"
           "spec:\n  scaleTargetRef: {name: todo-api}\n  minReplicaCount: 2\n");
  EXPECT_EQ(statuses(run_on(checks::K8sAutoscaler(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
