// K8S010: no privileged containers.
#include "checks/k8s/privileged.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sPrivileged, FailsWhenAContainerIsPrivileged) {
  // The merge key keeps the rest of the locked-down context: only `privileged` changes.
  const std::string text = edit(k_good_manifest, "          securityContext: *locked\n",
                                "          securityContext:\n            <<: *locked\n"
                                "            privileged: true\n");
  const auto results = run_on(checks::K8sPrivileged(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S010");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: runs privileged (every capability and every "
            "device of the node)");
  EXPECT_EQ(results[0].location->line, line_of(text, "privileged: true"));
  EXPECT_EQ(results[0].location->column, 13);
}

TEST(K8sPrivileged, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sPrivileged(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "2 containers in 1 workload: none is privileged (k8s/app.yaml)");
}

TEST(K8sPrivileged, PassesWithPrivilegedFalse) {
  const std::string text = edit(k_good_manifest, "readOnlyRootFilesystem: true",
                                "readOnlyRootFilesystem: true\n            privileged: false");
  EXPECT_EQ(statuses(run_on(checks::K8sPrivileged(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
