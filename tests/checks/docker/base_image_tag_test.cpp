// DKR002: base images have a tag that is not latest (or a digest).
#include "checks/docker/base_image_tag.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrBaseImageTag, FailsWhenTagIsMissing) {
  const auto results = check(checks::DkrBaseImageTag(), "FROM python\nCMD [\"python\"]\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR002");
  EXPECT_EQ(results[0].message, "FROM python has no tag, which means :latest");
  EXPECT_EQ(results[0].location->line, 1);
  EXPECT_EQ(results[0].location->column, 1);
  EXPECT_EQ(results[0].evidence, "FROM python");
}

TEST(DkrBaseImageTag, FailsWhenTagIsLatestAfterArgExpansion) {
  const auto results = check(checks::DkrBaseImageTag(),
                             "ARG TAG=latest\nFROM node:20 AS build\nRUN npm ci\n"
                             "FROM registry:5000/team/app:${TAG}\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "FROM registry:5000/team/app:latest uses the :latest tag");
  EXPECT_EQ(results[0].location->line, 4);
}

TEST(DkrBaseImageTag, FailsWhenOnlyADigestIsGiven) {
  const auto results = check(checks::DkrBaseImageTag(),
                             "FROM alpine@sha256:" + std::string(64, 'a') +
                                 "\nFROM alpine:latest@sha256:" + std::string(64, 'a') + "\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "FROM alpine@sha256:" + std::string(64, 'a') +
                                    " has no tag: the digest alone does not say which version");
  EXPECT_EQ(lines(results), "1,2");
}

TEST(DkrBaseImageTag, PassesWithTagsStagesAndScratch) {
  const auto results = check(checks::DkrBaseImageTag(),
                             "ARG PY=3.12\n"
                             "FROM python:${PY}-slim AS build\n"
                             "FROM build AS test\n"
                             "FROM alpine:3.19@sha256:" +
                                 std::string(64, 'a') +
                                 "\n"
                                 "FROM scratch\n"
                                 "COPY --from=build /app /app\n");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Dockerfile: every base image names a version tag");
  EXPECT_EQ(results[0].location->file, "Dockerfile");
}

TEST(DkrBaseImageTag, PassesWithAnArgWithoutDefault) {
  // The tag comes from --build-arg; the Dockerfile alone cannot say which.
  EXPECT_EQ(statuses(check(checks::DkrBaseImageTag(), "ARG VERSION\nFROM app:${VERSION}\n")),
            "pass");
}

TEST(DkrBaseImageTag, SkipsWhenNothingParses) {
  const auto results = checks::DkrBaseImageTag().check({dockerfile("RUN x\n")});
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_NE(results[0].message.find("DKR001"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::test
