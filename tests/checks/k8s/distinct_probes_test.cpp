// K8S021: liveness differs from readiness.
#include "checks/k8s/distinct_probes.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sDistinctProbes, FailsWhenLivenessIsReadiness) {
  const std::string text =
      edit(k_good_manifest, k_liveness,
           "          livenessProbe:\n            httpGet: {path: /readyz, port: http}\n"
           "            periodSeconds: 5\n");
  const auto results = run_on(checks::K8sDistinctProbes(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S021");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_NE(results[0].message.find(
                "Deployment todo-api, container api: the liveness probe is the readiness probe"),
            std::string::npos);
  EXPECT_EQ(results[0].location->line, line_of(text, "livenessProbe:"));
}

TEST(K8sDistinctProbes, FailsWhenOnlyThePortsSpellingAndDefaultsDiffer) {
  // port: http is containerPort 8000; periodSeconds 10 and failureThreshold 3 are defaults.
  const std::string text =
      edit(edit(k_good_manifest, k_liveness,
                "          livenessProbe:\n            httpGet: {port: 8000, path: /readyz}\n"
                "            failureThreshold: 3\n"),
           "            httpGet: {path: /readyz, port: http}\n            periodSeconds: 5\n",
           "            httpGet: {path: /readyz, port: http}\n            periodSeconds: 10\n");
  EXPECT_EQ(statuses(run_on(checks::K8sDistinctProbes(), text)), "fail");
}

TEST(K8sDistinctProbes, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sDistinctProbes(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 container: no liveness probe duplicates the readiness probe (k8s/app.yaml)");
}

TEST(K8sDistinctProbes, PassesWithTheSameEndpointAndAHigherFailureThreshold) {
  const std::string text =
      edit(k_good_manifest, k_liveness,
           "          livenessProbe:\n            httpGet: {path: /readyz, port: http}\n"
           "            periodSeconds: 5\n            failureThreshold: 6\n");
  EXPECT_EQ(statuses(run_on(checks::K8sDistinctProbes(), text)), "pass");
}

// A missing probe is K8S002's or K8S003's finding; nothing is duplicated.
TEST(K8sDistinctProbes, PassesWithoutBothProbes) {
  EXPECT_EQ(statuses(run_on(checks::K8sDistinctProbes(), edit(k_good_manifest, k_liveness, ""))),
            "pass");
}

}  // namespace
}  // namespace shipcheck::test
