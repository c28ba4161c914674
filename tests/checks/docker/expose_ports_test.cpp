// DKR015: EXPOSE ports are valid and not SSH.
#include "checks/docker/expose_ports.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrExposePorts, FailsWhenInvalidOrSsh) {
  const auto results = check(checks::DkrExposePorts(),
                             "FROM alpine:3.19\nEXPOSE 8000 70000 80/http\nEXPOSE 22/tcp\n"
                             "EXPOSE 9000-8000 0\n");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail,fail");
  EXPECT_EQ(results[0].rule, "DKR015");
  EXPECT_EQ(results[0].message, "EXPOSE 70000 is not a valid port");
  EXPECT_EQ(results[1].message, "EXPOSE 80/http is not a valid port");
  EXPECT_EQ(results[2].message, "EXPOSE 22/tcp exposes SSH (port 22)");
  EXPECT_EQ(results[3].message, "EXPOSE 9000-8000 is not a valid port");
  EXPECT_EQ(lines(results), "2,2,3,4,4");
  EXPECT_NE(results[0].fingerprint, results[1].fingerprint);
}

TEST(DkrExposePorts, PassesWithValidPortsRangesAndVariables) {
  const auto results = check(checks::DkrExposePorts(),
                             "FROM alpine:3.19\nARG PORT=8080\nEXPOSE 80 443/tcp 53/udp "
                             "7000-7010/TCP ${PORT} $UNSET\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
