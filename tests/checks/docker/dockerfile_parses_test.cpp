// DKR001: a broken Dockerfile fails at the parser's line and column.
#include "checks/docker/dockerfile_parses.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrParses, FailsWhenHeredocIsUnterminated) {
  const auto results = check(checks::DkrParses(), "FROM alpine:3.19\nRUN <<EOF\necho hi\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR001");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].location->file, "Dockerfile");
  EXPECT_GT(results[0].location->line, 0);
  EXPECT_NE(results[0].message.find("does not parse"), std::string::npos);
}

TEST(DkrParses, FailsOncePerBrokenFile) {
  const auto results = checks::DkrParses().check(
      {dockerfile("RUN echo no from\n", "a/Dockerfile"), dockerfile("FROM x:1\n", "b/Dockerfile"),
       dockerfile("# escape=x\nFROM x:1\n", "c/Dockerfile")});
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].location->file, "a/Dockerfile");
  EXPECT_EQ(results[0].location->line, 1);
  EXPECT_EQ(results[1].location->file, "c/Dockerfile");
  EXPECT_EQ(results[1].location->line, 1);
}

TEST(DkrParses, PassesWithValidFiles) {
  const auto results = checks::DkrParses().check(
      {dockerfile("FROM python:3.12-slim\nCMD [\"python\"]\n", "Dockerfile"),
       dockerfile("ARG V=1\nFROM x:${V} AS b\n", "worker.Dockerfile")});
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "2 Dockerfiles: no syntax error");
}

TEST(DkrParses, SkipsWithoutDockerfiles) {
  EXPECT_EQ(statuses(checks::DkrParses().check({})), "skip");
}

}  // namespace
}  // namespace shipcheck::test
