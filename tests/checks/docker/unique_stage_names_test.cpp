// DKR025: stage names are unique.
#include "checks/docker/unique_stage_names.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrUniqueStageNames, FailsWhenANameRepeatsAtTheLaterStage) {
  const auto results = check(checks::DkrUniqueStageNames(),
                             "FROM golang:1.22 AS build\n"
                             "RUN go build\n"
                             "FROM node:20 AS Build\n"
                             "RUN npm run build\n"
                             "FROM alpine:3.19\n"
                             "COPY --from=build /out /app\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(lines(results), "3");
  EXPECT_EQ(results[0].message, "stage name 'build' is already used by the stage on line 1");
}

TEST(DkrUniqueStageNames, PassesWithDistinctAndUnnamedStages) {
  const auto results = check(checks::DkrUniqueStageNames(),
                             "FROM golang:1.22 AS build-api\n"
                             "FROM node:20 AS build-web\n"
                             "FROM alpine:3.19\n"
                             "FROM alpine:3.19\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
