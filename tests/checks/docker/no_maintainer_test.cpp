// DKR027: no MAINTAINER.
#include "checks/docker/no_maintainer.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNoMaintainer, FailsWhenMaintainerIsUsed) {
  const auto results =
      check(checks::DkrNoMaintainer(), "FROM alpine:3.19\nMAINTAINER Jane <jane@example.com>\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR027");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(lines(results), "2");
  EXPECT_EQ(results[0].location->column, 1);
  EXPECT_EQ(results[0].evidence, "MAINTAINER Jane <jane@example.com>");
}

TEST(DkrNoMaintainer, PassesWithAuthorsLabel) {
  const auto results = check(
      checks::DkrNoMaintainer(),
      "FROM alpine:3.19\nLABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\"\n");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Dockerfile: no deprecated MAINTAINER instruction");
}

TEST(DkrNoMaintainer, SkipsWithoutDockerfile) {
  EXPECT_EQ(statuses(checks::DkrNoMaintainer().check({})), "skip");
}

TEST(DkrNoMaintainer, SkipsABrokenDockerfile) {
  EXPECT_EQ(statuses(check(checks::DkrNoMaintainer(), "FROM\n")), "skip");
}

}  // namespace
}  // namespace shipcheck::test
