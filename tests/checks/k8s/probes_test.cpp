// K8S002 and K8S003: liveness and readiness probes.
#include "checks/k8s/probes.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

constexpr std::string_view k_readiness =
    "          readinessProbe:\n            httpGet: {path: /readyz, port: http}\n"
    "            periodSeconds: 5\n";

TEST(K8sLivenessProbe, FailsWhenTheAppContainerHasNone) {
  const std::string text = edit(k_good_manifest, k_liveness, "");
  const auto results = run_on(checks::K8sLivenessProbe(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S002");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "Deployment todo-api, container api: no liveness probe");
  EXPECT_EQ(results[0].location->file, "k8s/app.yaml");
  EXPECT_EQ(results[0].location->line, line_of(text, "- name: api"));
  EXPECT_EQ(results[0].location->column, 11);
}

TEST(K8sLivenessProbe, FailsWhenTheProbeHasNoHandler) {
  const std::string text = edit(k_good_manifest, k_liveness,
                                "          livenessProbe:\n            periodSeconds: 10\n");
  const auto results = run_on(checks::K8sLivenessProbe(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("has no handler"), std::string::npos);
  EXPECT_EQ(results[0].location->line, line_of(text, "livenessProbe:"));
}

TEST(K8sLivenessProbe, PassesWithGoodManifest) {
  // The init container has no probes: it runs to completion, so it needs none.
  const auto results = run_on(checks::K8sLivenessProbe(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 container in 1 workload: every one has a liveness probe (k8s/app.yaml)");
}

TEST(K8sLivenessProbe, SkipsJobs) {
  const auto results = run_on(checks::K8sLivenessProbe(), R"(apiVersion: batch/v1
kind: Job
metadata: {name: backfill}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: run, image: "app:1.0"}]
)");
  ASSERT_EQ(statuses(results), "skip");
}

TEST(K8sReadinessProbe, FailsWhenTheAppContainerHasNone) {
  const std::string text = edit(k_good_manifest, k_readiness, "");
  const auto results = run_on(checks::K8sReadinessProbe(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S003");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message, "Deployment todo-api, container api: no readiness probe");
  EXPECT_EQ(results[0].location->line, line_of(text, "- name: api"));
}

TEST(K8sReadinessProbe, FailsForEachContainerOfAPod) {
  const auto results = run_on(checks::K8sReadinessProbe(), R"(apiVersion: v1
kind: Pod
metadata: {name: worker}
spec:
  containers:
    - name: one
      image: app:1.0
    - name: two
      image: app:1.0
      readinessProbe: {tcpSocket: {port: 8080}}
    - name: three
      image: app:1.0
)");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "Pod worker, container one: no readiness probe");
  EXPECT_EQ(results[1].location->line, 11);
}

TEST(K8sReadinessProbe, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sReadinessProbe(), k_good_manifest)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
