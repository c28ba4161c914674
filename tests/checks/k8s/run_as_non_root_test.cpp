// K8S006: runAsNonRoot and runAsUser.
#include "checks/k8s/run_as_non_root.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sRunAsNonRoot, FailsWhenThePodSaysFalse) {
  const std::string text = edit(k_good_manifest, "runAsNonRoot: true", "runAsNonRoot: false");
  const auto results = run_on(checks::K8sRunAsNonRoot(), text);
  ASSERT_EQ(statuses(results), "fail,fail");  // both containers inherit the pod's setting
  EXPECT_EQ(results[0].rule, "K8S006");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, initContainer migrate: runAsNonRoot is not true");
  EXPECT_EQ(results[1].message, "Deployment todo-api, container api: runAsNonRoot is not true");
  EXPECT_EQ(results[1].location->line, line_of(text, "runAsNonRoot: false"));
  EXPECT_EQ(results[1].evidence, "runAsNonRoot: false");
}

TEST(K8sRunAsNonRoot, FailsWhenAContainerRunsAsUserZero) {
  const std::string text = edit(k_good_manifest, "          securityContext: *locked\n",
                                "          securityContext: {<<: *locked, runAsUser: 0}\n");
  const auto results = run_on(checks::K8sRunAsNonRoot(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "Deployment todo-api, container api: runs as root (runAsUser: 0)");
  EXPECT_EQ(results[0].location->line, line_of(text, "runAsUser: 0"));
}

TEST(K8sRunAsNonRoot, FailsWhenNothingSaysNonRoot) {
  const std::string text = edit(k_good_manifest, "        runAsNonRoot: true\n", "");
  const auto results = run_on(checks::K8sRunAsNonRoot(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[1].message,
            "Deployment todo-api, container api: runAsNonRoot is not set (pod or container "
            "securityContext)");
  EXPECT_EQ(results[1].location->line, line_of(text, "- name: api"));
}

TEST(K8sRunAsNonRoot, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sRunAsNonRoot(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "2 containers in 1 workload: every one runs with runAsNonRoot: true (k8s/app.yaml)");
}

TEST(K8sRunAsNonRoot, PassesWithTheContainersOwnSetting) {
  const auto results = run_on(checks::K8sRunAsNonRoot(), R"(apiVersion: v1
kind: Pod
metadata: {name: one}
spec:
  securityContext: {runAsNonRoot: false}
  containers:
    - name: app
      image: app:1.0
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
