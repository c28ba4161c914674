// K8S019: Services select existing pods.
#include "checks/k8s/service_selectors.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sServiceSelectors, FailsWhenNoPodHasTheLabels) {
  const std::string text = edit(k_good_manifest, "  selector: {app: todo-api}\n",
                                "  selector: {app: todo-api, tier: worker}\n");
  const auto results = run_on(checks::K8sServiceSelectors(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S019");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message,
            "Service todo-api: its selector matches no pod template in the manifests");
  EXPECT_EQ(results[0].location->line, line_of(text, "selector: {app: todo-api, tier"));
  EXPECT_EQ(results[0].evidence, "selector: {app: todo-api, tier: worker}");
}

TEST(K8sServiceSelectors, FailsWhenThePodsAreInAnotherNamespace) {
  const std::string text =
      edit(k_good_manifest, "metadata: {name: todo-api, namespace: prod}\nspec:\n  selector",
           "metadata: {name: todo-api, namespace: dev}\nspec:\n  selector");
  EXPECT_EQ(statuses(run_on(checks::K8sServiceSelectors(), text)), "fail");
}

TEST(K8sServiceSelectors, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sServiceSelectors(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 Service: each selects a pod template in the manifests (k8s/app.yaml)");
}

TEST(K8sServiceSelectors, PassesAcrossFiles) {
  K8sProject project(edit(k_good_manifest,
                          "---\napiVersion: v1\nkind: Service\n"
                          "metadata: {name: todo-api, namespace: prod}\nspec:\n"
                          "  selector: {app: todo-api}\n"
                          "  ports: [{port: 80, targetPort: http}]\n",
                          ""));
  project.write("k8s/service.yaml",
                "apiVersion: v1\nkind: Service\nmetadata: {name: api}\n"
                "spec: {selector: {tier: web}, ports: [{port: 80}]}\n");
  EXPECT_EQ(statuses(project.run(checks::K8sServiceSelectors())), "pass");
}

TEST(K8sServiceSelectors, SkipsWhenNoWorkloadIsInTheManifests) {
  const auto results = run_on(checks::K8sServiceSelectors(),
                              "apiVersion: v1\nkind: Service\nmetadata: {name: db}\n"
                              "spec: {selector: {app: postgres}, ports: [{port: 5432}]}\n");
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_EQ(results[0].message, "no workload in the manifests to select");
}

}  // namespace
}  // namespace shipcheck::test
