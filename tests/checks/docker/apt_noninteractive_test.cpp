// DKR011: apt-get install is non-interactive.
#include "checks/docker/apt_noninteractive.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrAptNonInteractive, FailsWhenNoYes) {
  const auto results = check(checks::DkrAptNonInteractive(),
                             "FROM debian:12\nRUN apt-get update && \\\n"
                             "    apt-get install --no-install-recommends curl > /dev/null\n"
                             "RUN apt-get install -q curl\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR011");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "apt-get install without -y");
  EXPECT_EQ(lines(results), "2,4");
}

TEST(DkrAptNonInteractive, PassesWithEveryYesSpelling) {
  const auto results = check(checks::DkrAptNonInteractive(),
                             "FROM debian:12\n"
                             "RUN apt-get install -y curl\n"
                             "RUN apt-get install --yes curl\n"
                             "RUN apt-get --assume-yes install curl\n"
                             "RUN apt-get install -qq curl\n"
                             "RUN apt-get install -yq curl\n"
                             "RUN DEBIAN_FRONTEND=noninteractive apt-get -qy install curl\n"
                             "RUN apt-get -o APT::Get::Assume-Yes=true install curl\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
