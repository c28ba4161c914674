// DKR009: apt-get install uses --no-install-recommends.
#include "checks/docker/apt_no_recommends.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrAptNoRecommends, FailsWhenRecommendsAreInstalled) {
  const auto results = check(checks::DkrAptNoRecommends(),
                             "FROM debian:12\nRUN apt-get update \\\n"
                             " && apt-get install -y curl ca-certificates \\\n"
                             " && rm -rf /var/lib/apt/lists/*\n"
                             "RUN apt install -y git\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR009");
  EXPECT_EQ(results[0].message, "apt-get install without --no-install-recommends");
  EXPECT_EQ(results[0].evidence, "apt-get install -y curl ca-certificates");
  EXPECT_EQ(results[1].message, "apt install without --no-install-recommends");
  EXPECT_EQ(lines(results), "2,5");
}

TEST(DkrAptNoRecommends, FailsInsideShDashC) {
  const auto results = check(checks::DkrAptNoRecommends(),
                             "FROM debian:12\nRUN [\"/bin/sh\", \"-c\", \"apt-get update && "
                             "apt-get -y install make\"]\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrAptNoRecommends, PassesWithTheFlagOrAptConfig) {
  const auto results =
      check(checks::DkrAptNoRecommends(),
            "FROM debian:12\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends curl\n"
            "RUN apt-get -o APT::Install-Recommends=false install -y git\n"
            "FROM debian:12\n"
            "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/norec\n"
            "RUN apt-get install -y make\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
