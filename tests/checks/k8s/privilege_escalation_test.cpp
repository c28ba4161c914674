// K8S007: allowPrivilegeEscalation: false.
#include "checks/k8s/privilege_escalation.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sPrivilegeEscalation, FailsWhenNotSetToFalse) {
  const std::string text =
      edit(k_good_manifest, "            allowPrivilegeEscalation: false\n", "");
  const auto results = run_on(checks::K8sPrivilegeEscalation(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "K8S007");
  EXPECT_EQ(results[1].message,
            "Deployment todo-api, container api: allowPrivilegeEscalation is not set to false");
  EXPECT_EQ(results[1].location->line, line_of(text, "securityContext: *locked"));
}

TEST(K8sPrivilegeEscalation, FailsWhenTrue) {
  const std::string text =
      edit(k_good_manifest, "          securityContext: *locked\n",
           "          securityContext: {<<: *locked, allowPrivilegeEscalation: true}\n");
  const auto results = run_on(checks::K8sPrivilegeEscalation(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: allowPrivilegeEscalation is not false");
  EXPECT_EQ(results[0].evidence, "allowPrivilegeEscalation: true");
}

TEST(K8sPrivilegeEscalation, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sPrivilegeEscalation(), k_good_manifest)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
