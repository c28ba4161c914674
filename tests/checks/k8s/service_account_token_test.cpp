// K8S024: service account token not mounted unless needed.
#include "checks/k8s/service_account_token.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sServiceAccountToken, FailsWhenThePodMountsIt) {
  const std::string text = edit(k_good_manifest, "automountServiceAccountToken: false",
                                "automountServiceAccountToken: true");
  const auto results = run_on(checks::K8sServiceAccountToken(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S024");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].message, "Deployment todo-api: automountServiceAccountToken is not false");
  EXPECT_EQ(results[0].location->line, line_of(text, "automountServiceAccountToken: true"));
}

TEST(K8sServiceAccountToken, FailsWhenNothingTurnsItOff) {
  const std::string text = edit(k_good_manifest, "      automountServiceAccountToken: false\n", "");
  const auto results = run_on(checks::K8sServiceAccountToken(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("the service account token is mounted"), std::string::npos);
  EXPECT_EQ(results[0].location->line, line_of(text, "kind: Deployment"));
}

TEST(K8sServiceAccountToken, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sServiceAccountToken(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 workload: none mounts a service account token it does not need (k8s/app.yaml)");
}

TEST(K8sServiceAccountToken, PassesWhenItsServiceAccountTurnsItOff) {
  const std::string text =
      edit(k_good_manifest, "      automountServiceAccountToken: false\n",
           "      serviceAccountName: todo-api\n") +
      "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: todo-api, namespace: prod}\n"
      "automountServiceAccountToken: false\n";
  EXPECT_EQ(statuses(run_on(checks::K8sServiceAccountToken(), text)), "pass");
}

TEST(K8sServiceAccountToken, PassesWithANeedsApiReason) {
  const std::string text =
      edit(edit(k_good_manifest, "automountServiceAccountToken: false",
                "automountServiceAccountToken: true"),
           "      labels: {app: todo-api, tier: web}\n",
           "      labels: {app: todo-api, tier: web}\n"
           "      annotations: {shipcheck.dev/needs-api: \"reads leader-election leases\"}\n");
  EXPECT_EQ(statuses(run_on(checks::K8sServiceAccountToken(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
