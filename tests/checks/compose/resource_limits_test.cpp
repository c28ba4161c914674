// CMP004: memory and CPU limits of compose services.
#include "checks/compose/resource_limits.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeResourceLimits k_resource_limits;

TEST(ComposeResourceLimits, FailsWhenALimitIsMissing) {
  const auto results = check_compose(k_resource_limits, R"(services:
  a:
    image: x:1
  b:
    image: x:1
    deploy: {resources: {limits: {cpus: "0.5"}}}
  c:
    image: x:1
    mem_limit: 512m
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  EXPECT_EQ(results[0].rule, "CMP004");
  EXPECT_EQ(results[0].message, "service 'a' has no memory or CPU limit");
  EXPECT_EQ(results[1].message, "service 'b' has no memory limit");
  EXPECT_EQ(results[2].message, "service 'c' has no CPU limit");
  EXPECT_EQ(locations(results), "2:3,4:3,7:3");
}

TEST(ComposeResourceLimits, PassesWithDeployLimitsOrV2Keys) {
  const auto results = check_compose(k_resource_limits, R"(services:
  a:
    image: x:1
    deploy:
      resources:
        limits: {memory: 512M, cpus: "1"}
  b: {image: x:1, mem_limit: 256m, cpus: 0.5}
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
