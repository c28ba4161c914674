// CMP009: pinned images in compose services.
#include "checks/compose/images_pinned.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeImagesPinned k_images_pinned;

TEST(ComposeImagesPinned, FailsWhenUntaggedOrLatest) {
  const auto results = check_compose(k_images_pinned, R"(services:
  db:
    image: postgres
  cache:
    image: redis:latest
  proxy:
    image: localhost:5000/nginx
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  EXPECT_EQ(results[0].rule, "CMP009");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message, "service 'db' uses image 'postgres' without a tag (latest)");
  EXPECT_EQ(results[1].message, "service 'cache' uses image 'redis:latest' with the latest tag");
  EXPECT_EQ(locations(results), "3:12,5:12,7:12");
}

TEST(ComposeImagesPinned, PassesWithTagsAndDigests) {
  const auto results = check_compose(k_images_pinned, R"(services:
  db: {image: postgres:16.2}
  cache: {image: "redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
  registry: {image: "registry.example.com:5000/team/app:1.4.2"}
  tagged: {image: "app:${TAG}"}
)");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "4 services in 1 compose file: every image is pinned to a tag or digest");
}

TEST(ComposeImagesPinned, SkipsWhenEveryServiceIsBuilt) {
  const auto results = check_compose(k_images_pinned, R"(services:
  api: {build: ., image: api}
  worker: {build: {context: ., dockerfile: Dockerfile.worker}}
)");
  EXPECT_EQ(statuses(results), "skip");
}

}  // namespace
}  // namespace shipcheck::test
