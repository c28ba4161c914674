// DKR010: apt lists removed in the RUN that installs.
#include "checks/docker/apt_lists_removed.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrAptListsRemoved, FailsWhenListsStayInTheLayer) {
  const auto results =
      check(checks::DkrAptListsRemoved(),
            "FROM debian:12\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends curl\n"
            "RUN rm -rf /var/lib/apt/lists/*\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR010");
  EXPECT_EQ(results[0].message, "apt-get install leaves /var/lib/apt/lists in the image layer");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrAptListsRemoved, FailsInABuilderStageToo) {
  const auto results = check(checks::DkrAptListsRemoved(),
                             "FROM debian:12 AS build\nRUN apt-get install -y gcc\n"
                             "FROM debian:12\nCOPY --from=build /x /x\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrAptListsRemoved, PassesWithRemovalOrCacheMount) {
  const auto results =
      check(checks::DkrAptListsRemoved(),
            "FROM debian:12 AS build\n"
            "RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists\n"
            "FROM debian:12\n"
            "RUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n"
            " && rm -rf /var/lib/apt/lists/*\n"
            "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n"
            "    --mount=type=cache,target=/var/cache/apt \\\n"
            "    apt-get update && apt-get install -y tini\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
