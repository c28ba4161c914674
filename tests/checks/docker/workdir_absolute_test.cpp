// DKR014: WORKDIR is absolute.
#include "checks/docker/workdir_absolute.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrWorkdirAbsolute, FailsWhenRelative) {
  const auto results = check(checks::DkrWorkdirAbsolute(),
                             "FROM alpine:3.19\nWORKDIR app\nENV SUB=src\nWORKDIR ${SUB}/lib\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR014");
  EXPECT_EQ(results[0].message, "WORKDIR app is a relative path");
  EXPECT_EQ(results[1].message, "WORKDIR ${SUB}/lib (src/lib) is a relative path");
  EXPECT_EQ(lines(results), "2,4");
}

TEST(DkrWorkdirAbsolute, PassesWithAbsoluteAndUnresolvablePaths) {
  const auto results = check(checks::DkrWorkdirAbsolute(),
                             "ARG ROOT=/srv\nFROM alpine:3.19 AS base\nENV APP_HOME=/app\n"
                             "WORKDIR /app\nWORKDIR $APP_HOME/src\nWORKDIR $HOME\n"
                             "FROM base\nWORKDIR ${APP_HOME}\nARG ROOT\nWORKDIR ${ROOT}/x\n"
                             "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"
                             "WORKDIR C:/app\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
