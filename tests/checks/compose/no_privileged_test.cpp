// CMP005: no privileged compose services.
#include "checks/compose/no_privileged.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeNoPrivileged k_no_privileged;

TEST(ComposeNoPrivileged, FailsWhenPrivileged) {
  const auto results = check_compose(k_no_privileged, R"(services:
  agent:
    image: agent:1
    privileged: true
  b: {image: x:1, privileged: yes}
)");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "CMP005");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message, "service 'agent' runs privileged");
  EXPECT_EQ(results[0].evidence, "privileged: true");
  EXPECT_EQ(locations(results), "4:17,5:31");
}

TEST(ComposeNoPrivileged, PassesWithPrivilegedFalseOrAbsent) {
  const auto results = check_compose(
      k_no_privileged, "services:\n  a: {image: x:1, privileged: false}\n  b: {image: x:1}\n");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "2 services in 1 compose file: no service runs privileged");
}

}  // namespace
}  // namespace shipcheck::test
