// K8S014: imagePullPolicy suits the image.
#include "checks/k8s/image_pull_policy.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

constexpr std::string_view k_api =
    "          image: registry.example.com/todo-api:1.4.2\n          imagePullPolicy: "
    "IfNotPresent\n";

TEST(K8sImagePullPolicy, FailsWhenNever) {
  const std::string text = edit(k_good_manifest, k_api,
                                "          image: registry.example.com/todo-api:1.4.2\n"
                                "          imagePullPolicy: Never\n");
  const auto results = run_on(checks::K8sImagePullPolicy(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S014");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].location->line, line_of(text, "imagePullPolicy: Never"));
  EXPECT_NE(results[0].message.find("container api: imagePullPolicy: Never"), std::string::npos);
}

TEST(K8sImagePullPolicy, FailsWhenIfNotPresentWithLatest) {
  const std::string text = edit(k_good_manifest, k_api,
                                "          image: registry.example.com/todo-api:latest\n"
                                "          imagePullPolicy: IfNotPresent\n");
  const auto results = run_on(checks::K8sImagePullPolicy(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("IfNotPresent with the mutable image"), std::string::npos);
}

TEST(K8sImagePullPolicy, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sImagePullPolicy(), k_good_manifest)), "pass");
}

TEST(K8sImagePullPolicy, PassesWithAlwaysForLatest) {
  const std::string text = edit(k_good_manifest, k_api,
                                "          image: registry.example.com/todo-api:latest\n"
                                "          imagePullPolicy: Always\n");
  EXPECT_EQ(statuses(run_on(checks::K8sImagePullPolicy(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test
