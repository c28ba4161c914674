// DKR013: no sudo.
#include "checks/docker/no_sudo.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNoSudo, FailsWhenRunUsesSudo) {
  const auto results = check(checks::DkrNoSudo(),
                             "FROM ubuntu:22.04\nUSER app\nRUN set -e; \\\n"
                             "    sudo -E apt-get install -y curl\n"
                             "ENTRYPOINT [\"sudo\", \"-u\", \"app\", \"server\"]\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR013");
  EXPECT_EQ(results[0].message, "RUN uses sudo");
  EXPECT_EQ(results[0].evidence, "sudo -E apt-get install -y curl");
  EXPECT_EQ(results[1].message, "ENTRYPOINT uses sudo");
  EXPECT_EQ(lines(results), "3,5");
}

TEST(DkrNoSudo, PassesWithoutSudo) {
  const auto results = check(checks::DkrNoSudo(),
                             "FROM ubuntu:22.04\nRUN apt-get install -y sudo && echo sudo\n"
                             "ENTRYPOINT [\"gosu\", \"app\", \"server\"]\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
