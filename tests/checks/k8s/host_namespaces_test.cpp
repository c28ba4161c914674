// K8S012: no hostNetwork, hostPID or hostIPC.
#include "checks/k8s/host_namespaces.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sHostNamespaces, FailsWhenHostNetworkIsOn) {
  const std::string text = edit(k_good_manifest, "      automountServiceAccountToken: false\n",
                                "      automountServiceAccountToken: false\n"
                                "      hostNetwork: true\n      hostPID: true\n");
  const auto results = run_on(checks::K8sHostNamespaces(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "K8S012");
  EXPECT_EQ(results[0].message, "Deployment todo-api: hostNetwork: true");
  EXPECT_EQ(results[0].location->line, line_of(text, "hostNetwork: true"));
  EXPECT_EQ(results[1].message, "Deployment todo-api: hostPID: true");
}

TEST(K8sHostNamespaces, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sHostNamespaces(), k_good_manifest)), "pass");
}

TEST(K8sHostNamespaces, PassesWithHostNetworkFalse) {
  const std::string text = edit(k_good_manifest, "      automountServiceAccountToken: false\n",
                                "      automountServiceAccountToken: false\n"
                                "      hostNetwork: false\n");
  EXPECT_EQ(statuses(run_on(checks::K8sHostNamespaces(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
