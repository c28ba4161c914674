// DKR016: CMD and ENTRYPOINT in exec form.
#include "checks/docker/exec_form.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrExecForm, FailsWhenShellForm) {
  const auto results = check(checks::DkrExecForm(),
                             "FROM python:3.12-slim\nENTRYPOINT ./entrypoint.sh\n"
                             "CMD uvicorn app.main:app --host 0.0.0.0\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR016");
  EXPECT_EQ(results[0].message,
            "ENTRYPOINT is in shell form: /bin/sh -c runs as PID 1 and does not pass signals on");
  EXPECT_EQ(lines(results), "2,3");
}

TEST(DkrExecForm, FailsWhenInheritedCmdIsShellForm) {
  const auto results =
      check(checks::DkrExecForm(), "FROM node:20 AS base\nCMD npm start\nFROM base\nRUN true\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrExecForm, PassesWithExecFormExecPrefixAndOverriddenBuilderCmd) {
  const auto results = check(checks::DkrExecForm(),
                             "FROM node:20 AS build\nCMD npm test\n"
                             "FROM node:20-slim\nCMD node server.js\n"
                             "ENTRYPOINT [\"tini\", \"--\"]\nCMD [\"node\", \"server.js\"]\n"
                             "FROM python:3.12-slim\nCMD exec gunicorn app:app\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
