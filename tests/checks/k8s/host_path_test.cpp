// K8S011: no hostPath volumes.
#include "checks/k8s/host_path.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sHostPath, FailsWhenAVolumeIsAHostPath) {
  const std::string text = edit(
      k_good_manifest, "          emptyDir: {}\n",
      "          emptyDir: {}\n        - name: host-logs\n          hostPath: {path: /var/log}\n");
  const auto results = run_on(checks::K8sHostPath(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S011");
  EXPECT_EQ(results[0].message, "Deployment todo-api: volume host-logs mounts the node's /var/log");
  EXPECT_EQ(results[0].location->line, line_of(text, "hostPath:"));
  EXPECT_EQ(results[0].location->column, 11);
}

TEST(K8sHostPath, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sHostPath(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "1 workload: none mounts a hostPath volume (k8s/app.yaml)");
}

TEST(K8sHostPath, SkipsWithoutWorkloads) {
  EXPECT_EQ(statuses(run_on(checks::K8sHostPath(),
                            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")),
            "skip");
}

}  // namespace
}  // namespace shipcheck::test
