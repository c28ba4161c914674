// K8S013: images pinned.
#include "checks/k8s/image_pinned.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

constexpr std::string_view k_api_image =
    "        - name: api\n          image: registry.example.com/todo-api:1.4.2\n";

std::string with_api_image(std::string_view image) {
  return edit(k_good_manifest, k_api_image,
              fmt::format("        - name: api\n          image: {}\n", image));
}

TEST(K8sImagePinned, FailsWhenTheTagIsLatest) {
  const std::string text = with_api_image("registry.example.com/todo-api:latest");
  const auto results = run_on(checks::K8sImagePinned(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S013");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: image registry.example.com/todo-api:latest "
            "uses the mutable tag latest");
  EXPECT_EQ(results[0].location->line, line_of(text, "todo-api:latest"));
  EXPECT_EQ(results[0].evidence, "image: registry.example.com/todo-api:latest");
}

TEST(K8sImagePinned, FailsWhenThereIsNoTag) {
  const std::string text = with_api_image("registry.example.com:5000/todo-api");
  const auto results = run_on(checks::K8sImagePinned(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: image registry.example.com:5000/todo-api has no "
            "tag (it means latest)");
}

TEST(K8sImagePinned, PassesWithGoodManifest) {
  EXPECT_EQ(statuses(run_on(checks::K8sImagePinned(), k_good_manifest)), "pass");
}

TEST(K8sImagePinned, PassesWithADigest) {
  const std::string text = with_api_image(
      "registry.example.com/todo-api@sha256:"
      "4b6a9e3b1f0c7d2e5a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f");
  EXPECT_EQ(statuses(run_on(checks::K8sImagePinned(), text)), "pass");
}

TEST(K8sImagePinned, PassesWithAnImageFilledInByThePipeline) {
  EXPECT_EQ(statuses(run_on(checks::K8sImagePinned(), with_api_image("${API_IMAGE}"))), "pass");
}

}  // namespace
}  // namespace shipcheck::test
