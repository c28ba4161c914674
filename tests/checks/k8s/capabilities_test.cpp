// K8S009: capabilities dropped, none dangerous added.
#include "checks/k8s/capabilities.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sCapabilities, FailsWhenNothingIsDropped) {
  const std::string text = edit(k_good_manifest, "            capabilities: {drop: [ALL]}\n", "");
  const auto results = run_on(checks::K8sCapabilities(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "K8S009");
  EXPECT_EQ(results[1].message,
            "Deployment todo-api, container api: does not drop ALL capabilities");
  EXPECT_EQ(results[1].location->line, line_of(text, "securityContext: *locked"));
}

TEST(K8sCapabilities, FailsWhenSysAdminIsAdded) {
  const std::string text =
      edit(k_good_manifest, "capabilities: {drop: [ALL]}",
           "capabilities: {drop: [ALL], add: [NET_BIND_SERVICE, CAP_SYS_ADMIN]}");
  const auto results = run_on(checks::K8sCapabilities(), text);
  ASSERT_EQ(statuses(results), "fail,fail");  // the anchor is shared by both containers
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, initContainer migrate: adds dangerous capabilities: SYS_ADMIN");
  EXPECT_EQ(results[0].location->line, line_of(text, "add: [NET_BIND_SERVICE"));
}

TEST(K8sCapabilities, FailsWhenOnlySomeAreDropped) {
  const std::string text =
      edit(k_good_manifest, "capabilities: {drop: [ALL]}", "capabilities: {drop: [NET_RAW]}");
  const auto results = run_on(checks::K8sCapabilities(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].evidence, "capabilities.drop: [NET_RAW]");
}

TEST(K8sCapabilities, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sCapabilities(), k_good_manifest)), "pass");
}

TEST(K8sCapabilities, PassesWithNetBindServiceAdded) {
  const std::string text = edit(k_good_manifest, "capabilities: {drop: [ALL]}",
                                "capabilities: {drop: [all], add: [NET_BIND_SERVICE]}");
  EXPECT_EQ(statuses(run_on(checks::K8sCapabilities(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
