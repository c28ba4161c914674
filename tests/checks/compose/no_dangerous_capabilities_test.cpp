// CMP011: no dangerous capabilities nor unconfined profiles in compose services.
#include "checks/compose/no_dangerous_capabilities.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeNoDangerousCapabilities k_no_dangerous_capabilities;

TEST(ComposeNoDangerousCapabilities, FailsWhenADangerousCapabilityIsAdded) {
  const auto results = check_compose(k_no_dangerous_capabilities, R"(services:
  vpn:
    image: vpn:1
    cap_add:
      - NET_BIND_SERVICE
      - NET_ADMIN
      - cap_sys_admin
    security_opt:
      - no-new-privileges:true
      - seccomp:unconfined
      - apparmor=unconfined
)");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail");
  EXPECT_EQ(results[0].rule, "CMP011");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message, "service 'vpn' adds capability NET_ADMIN");
  EXPECT_EQ(results[1].message, "service 'vpn' adds capability SYS_ADMIN");
  EXPECT_EQ(results[2].message, "service 'vpn' runs without seccomp confinement");
  EXPECT_EQ(results[3].message, "service 'vpn' runs without apparmor confinement");
  EXPECT_EQ(locations(results), "6:9,7:9,10:9,11:9");
}

TEST(ComposeNoDangerousCapabilities, PassesWithNarrowCapabilities) {
  const auto results = check_compose(k_no_dangerous_capabilities, R"(services:
  web:
    image: nginx:1.25
    cap_drop: [ALL]
    cap_add: [NET_BIND_SERVICE, CHOWN]
    security_opt: ["no-new-privileges:true"]
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
