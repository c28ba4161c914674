// DKR023: at most one CMD, ENTRYPOINT and HEALTHCHECK per stage.
#include "checks/docker/one_cmd_per_stage.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrOneCmdPerStage, FailsWhenAStageHasTwoCmdsOrEntrypoints) {
  const auto results = check(checks::DkrOneCmdPerStage(),
                             "FROM python:3.12-slim\n"
                             "CMD [\"python\", \"debug.py\"]\n"
                             "ENTRYPOINT [\"/entry.sh\"]\n"
                             "HEALTHCHECK CMD curl -f http://localhost/\n"
                             "CMD [\"python\", \"app.py\"]\n"
                             "ENTRYPOINT [\"/docker-entrypoint.sh\"]\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(lines(results), "2,3");
  EXPECT_EQ(results[0].message,
            "CMD is overridden by the CMD on line 5: only the last one in a stage takes effect");
  EXPECT_EQ(results[0].severity, Severity::low);
}

TEST(DkrOneCmdPerStage, PassesWithOnePerStage) {
  const auto results = check(checks::DkrOneCmdPerStage(),
                             "FROM node:20 AS build\n"
                             "CMD [\"npm\", \"test\"]\n"
                             "FROM node:20-slim\n"
                             "HEALTHCHECK CMD node health.js\n"
                             "CMD [\"node\", \"server.js\"]\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
