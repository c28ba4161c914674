// K8S008: readOnlyRootFilesystem: true.
#include "checks/k8s/read_only_root.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sReadOnlyRoot, FailsWhenFalse) {
  const std::string text =
      edit(k_good_manifest, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
  const auto results = run_on(checks::K8sReadOnlyRoot(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "K8S008");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, initContainer migrate: readOnlyRootFilesystem is not true");
  EXPECT_EQ(results[0].location->line, line_of(text, "readOnlyRootFilesystem: false"));
}

TEST(K8sReadOnlyRoot, FailsWhenAContainerHasNoSecurityContext) {
  const std::string text = edit(k_good_manifest, "          securityContext: *locked\n", "");
  const auto results = run_on(checks::K8sReadOnlyRoot(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: readOnlyRootFilesystem is not set to true");
  EXPECT_EQ(results[0].location->line, line_of(text, "- name: api"));
}

TEST(K8sReadOnlyRoot, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sReadOnlyRoot(), k_good_manifest)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
