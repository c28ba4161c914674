// K8S004 and K8S005: CPU and memory requests and limits.
#include "checks/k8s/resources.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sResourceRequests, FailsWhenTheAppContainerRequestsNothing) {
  const std::string text =
      edit(k_good_manifest, "            requests: {cpu: 250m, memory: 256Mi}\n", "");
  const auto results = run_on(checks::K8sResourceRequests(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S004");
  EXPECT_EQ(results[0].message, "Deployment todo-api, container api: no CPU or memory request");
  // At `resources:` of the api container, the block to add requests to.
  EXPECT_EQ(results[0].location->line, line_of(text, "limits: {cpu: \"1\"") - 1);
}

TEST(K8sResourceRequests, FailsWhenTheInitContainerRequestsNoMemory) {
  const std::string text =
      edit(k_good_manifest, "requests: {cpu: 100m, memory: 128Mi}", "requests: {cpu: 100m}");
  const auto results = run_on(checks::K8sResourceRequests(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "Deployment todo-api, initContainer migrate: no memory request");
  EXPECT_EQ(results[0].location->line, line_of(text, "requests: {cpu: 100m}"));
}

TEST(K8sResourceRequests, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sResourceRequests(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "2 containers in 1 workload: every one requests CPU and memory (k8s/app.yaml)");
}

TEST(K8sResourceLimits, FailsWhenTheAppContainerHasNoCpuLimit) {
  const std::string text =
      edit(k_good_manifest, "limits: {cpu: \"1\", memory: 512Mi}", "limits: {memory: 512Mi}");
  const auto results = run_on(checks::K8sResourceLimits(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S005");
  EXPECT_EQ(results[0].message, "Deployment todo-api, container api: no CPU limit");
  EXPECT_EQ(results[0].location->line, line_of(text, "limits: {memory: 512Mi}"));
}

TEST(K8sResourceLimits, FailsWhenAContainerHasNoResourcesAtAll) {
  const auto results = run_on(checks::K8sResourceLimits(), R"(apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers:
    - name: shell
      image: busybox:1.36
)");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "Pod debug, container shell: no CPU or memory limit");
  EXPECT_EQ(results[0].location->line, 6);
}

TEST(K8sResourceLimits, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sResourceLimits(), k_good_manifest)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
