// K8S015: replicas >= containers.min_replicas.
#include "checks/k8s/replicas.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

// The good manifest without its HorizontalPodAutoscaler.
std::string without_hpa(std::string_view text) {
  return edit(text,
              "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
              "metadata: {name: todo-api, namespace: prod}\nspec:\n"
              "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: todo-api}\n"
              "  minReplicas: 3\n  maxReplicas: 10\n",
              "");
}

TEST(K8sReplicas, FailsWhenTheAutoscalerMayScaleToOne) {
  const std::string text = edit(k_good_manifest, "minReplicas: 3", "minReplicas: 1");
  const auto results = run_on(checks::K8sReplicas(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S015");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api: HorizontalPodAutoscaler todo-api lets it scale down to 1 "
            "replica (at least 2 wanted)");
  EXPECT_EQ(results[0].location->line, line_of(text, "minReplicas: 1"));
}

TEST(K8sReplicas, FailsWhenReplicasIsOne) {
  const std::string text = edit(without_hpa(k_good_manifest), "replicas: 3", "replicas: 1");
  const auto results = run_on(checks::K8sReplicas(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "Deployment todo-api: 1 replica (at least 2 wanted)");
  EXPECT_EQ(results[0].location->line, line_of(text, "replicas: 1"));
  EXPECT_EQ(results[0].evidence, "replicas: 1");
}

TEST(K8sReplicas, FailsWhenReplicasIsMissing) {
  const std::string text = edit(without_hpa(k_good_manifest), "  replicas: 3\n", "");
  const auto results = run_on(checks::K8sReplicas(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "Deployment todo-api: no replicas field, so 1 replica (at least 2 wanted)");
  EXPECT_EQ(results[0].location->line, line_of(text, "kind: Deployment"));
}

TEST(K8sReplicas, FailsBelowTheConfiguredMinimum) {
  K8sProject project(k_good_manifest);
  project.config().containers.min_replicas = 4;
  const auto results = project.run(checks::K8sReplicas());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("(at least 4 wanted)"), std::string::npos);
}

TEST(K8sReplicas, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sReplicas(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 Deployment or StatefulSet: each runs at least 2 replicas (k8s/app.yaml)");
}

TEST(K8sReplicas, PassesWhenTheAutoscalerKeepsTwoWhateverReplicasSays) {
  const std::string text =
      edit(edit(k_good_manifest, "  replicas: 3\n", ""), "minReplicas: 3", "minReplicas: 2");
  EXPECT_EQ(statuses(run_on(checks::K8sReplicas(), text)), "pass");
}

TEST(K8sReplicas, SkipsWithoutDeployments) {
  EXPECT_EQ(statuses(run_on(checks::K8sReplicas(),
                            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n"
                            "spec: {containers: [{name: a, image: 'a:1'}]}\n")),
            "skip");
}

}  // namespace
}  // namespace shipcheck::test
