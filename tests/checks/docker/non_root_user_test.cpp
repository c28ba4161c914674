// DKR004: the final stage runs as a non-root user.
#include "checks/docker/non_root_user.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNonRootUser, FailsWhenNoUser) {
  const auto results = check(checks::DkrNonRootUser(),
                             "FROM python:3.12 AS build\nUSER app\n"
                             "FROM python:3.12-slim AS runtime\nCMD [\"app\"]\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR004");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message,
            "the final stage (runtime) sets no USER, so the container runs as root");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(DkrNonRootUser, FailsWhenLastUserIsRoot) {
  for (const char* user : {"root", "0", "0:0", "root:app"}) {
    const auto results = check(checks::DkrNonRootUser(), std::string("FROM alpine:3.19\nUSER app\n"
                                                                     "RUN id\nUSER ") +
                                                             user + "\n");
    ASSERT_EQ(statuses(results), "fail") << user;
    EXPECT_EQ(results[0].location->line, 4);
    EXPECT_EQ(results[0].message, std::string("the final stage runs as root (USER ") + user + ")");
  }
}

TEST(DkrNonRootUser, FailsWhenRootComesFromAnArgDefault) {
  const auto results =
      check(checks::DkrNonRootUser(), "FROM alpine:3.19\nARG RUN_AS=root\nUSER ${RUN_AS}\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(DkrNonRootUser, PassesWithUserInheritedFromParentStage) {
  const auto results = check(checks::DkrNonRootUser(),
                             "FROM python:3.12-slim AS base\nRUN useradd app\nUSER 10001:10001\n"
                             "FROM node:20 AS assets\nUSER root\n"
                             "FROM base\nCOPY . /app\n");
  EXPECT_EQ(statuses(results), "pass");
}

TEST(DkrNonRootUser, PassesWithNonrootDistrolessBase) {
  EXPECT_EQ(statuses(check(checks::DkrNonRootUser(),
                           "FROM gcr.io/distroless/python3-debian12:nonroot\n")),
            "pass");
}

TEST(DkrNonRootUser, PassesWithUnresolvableVariable) {
  EXPECT_EQ(statuses(check(checks::DkrNonRootUser(), "FROM alpine:3.19\nARG UID\nUSER $UID\n")),
            "pass");
}

}  // namespace
}  // namespace shipcheck::test
