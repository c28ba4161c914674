// DKR024: COPY --from and RUN --mount from= name an earlier stage or an image.
#include "checks/docker/stage_references.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrStageReferences, FailsWhenCopyingFromALaterStage) {
  const auto results = check(checks::DkrStageReferences(),
                             "FROM alpine:3.19 AS app\n"
                             "COPY  --from=build /out /app\n"
                             "FROM golang:1.22 AS build\n"
                             "RUN go build -o /out\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(lines(results), "2");
  EXPECT_EQ(results[0].location->column, 7);
  EXPECT_EQ(results[0].message,
            "COPY --from=build names the stage on line 3, which comes after this one: read only "
            "from an earlier stage");
}

TEST(DkrStageReferences, FailsOnItsOwnStageByNameOrIndex) {
  const auto results = check(checks::DkrStageReferences(),
                             "FROM alpine:3.19 AS base\n"
                             "FROM base AS app\n"
                             "COPY --from=App /a /b\n"
                             "COPY --from=1 /a /c\n"
                             "COPY --from=0 /ok /ok\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(lines(results), "3,4");
  EXPECT_NE(results[0].message.find("names its own stage (line 2)"), std::string::npos);
  EXPECT_NE(results[0].fingerprint, results[1].fingerprint);
}

TEST(DkrStageReferences, FailsOnAMissingIndexAndOnVariables) {
  const auto results = check(checks::DkrStageReferences(),
                             "ARG BUILDER=build\n"
                             "FROM golang:1.22 AS build\n"
                             "FROM alpine:3.19\n"
                             "COPY --from=5 /a /b\n"
                             "COPY --from=${BUILDER} /a /b\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_NE(results[0].message.find("there is no stage 5"), std::string::npos);
  EXPECT_NE(results[1].message.find("does not expand variables"), std::string::npos);
}

TEST(DkrStageReferences, FailsOnARunMountFromALaterStage) {
  const auto results =
      check(checks::DkrStageReferences(),
            "FROM alpine:3.19\n"
            "RUN --mount=type=bind,from=assets,source=/dist,target=/dist cp -r /dist /srv\n"
            "FROM node:20 AS assets\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(lines(results), "2");
  EXPECT_EQ(results[0].location->column, 5);
}

TEST(DkrStageReferences, FailsWhenALaterStageTakesTheNameOver) {
  // BuildKit binds a name to the last stage so called.
  const auto results = check(checks::DkrStageReferences(),
                             "FROM golang:1.22 AS build\n"
                             "FROM alpine:3.19 AS app\n"
                             "COPY --from=build /out /app\n"
                             "FROM node:20 AS build\n");
  EXPECT_EQ(statuses(results), "fail");
}

TEST(DkrStageReferences, PassesWithEarlierStagesAndImages) {
  const auto results = check(
      checks::DkrStageReferences(),
      "FROM golang:1.22 AS build\n"
      "FROM node:20 AS web\n"
      "FROM alpine:3.19\n"
      "COPY --from=build /out /app\n"
      "COPY --from=1 /dist /srv\n"
      "COPY --from=nginx:1.25 /etc/nginx/nginx.conf /etc/nginx/\n"
      "RUN --mount=type=cache,target=/root/.cache --mount=from=web,source=/x,target=/y true\n");
  ASSERT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
