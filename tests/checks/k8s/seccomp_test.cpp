// K8S023: seccomp profile.
#include "checks/k8s/seccomp.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sSeccomp, FailsWhenThereIsNoProfile) {
  const std::string text =
      edit(k_good_manifest, "        seccompProfile: {type: RuntimeDefault}\n", "");
  const auto results = run_on(checks::K8sSeccomp(), text);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "K8S023");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[1].message,
            "Deployment todo-api, container api: no seccompProfile (pod or container "
            "securityContext)");
  EXPECT_EQ(results[1].location->line, line_of(text, "- name: api"));
}

TEST(K8sSeccomp, FailsWhenAContainerIsUnconfined) {
  const std::string text = edit(k_good_manifest, "          securityContext: *locked\n",
                                "          securityContext:\n            <<: *locked\n"
                                "            seccompProfile: {type: Unconfined}\n");
  const auto results = run_on(checks::K8sSeccomp(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: seccompProfile type is Unconfined");
  EXPECT_EQ(results[0].location->line, line_of(text, "type: Unconfined"));
}

TEST(K8sSeccomp, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sSeccomp(), k_good_manifest)), "pass");
}

TEST(K8sSeccomp, PassesWithALocalhostProfileOnEachContainer) {
  const auto results = run_on(checks::K8sSeccomp(), R"(apiVersion: v1
kind: Pod
metadata: {name: one}
spec:
  containers:
    - name: app
      image: app:1.0
      securityContext:
        seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
