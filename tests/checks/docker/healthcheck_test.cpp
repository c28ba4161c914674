// DKR005: the final stage has a HEALTHCHECK.
#include "checks/docker/healthcheck.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrHealthcheck, FailsWhenMissingFromFinalStage) {
  const auto results = check(checks::DkrHealthcheck(),
                             "FROM node:20 AS build\nHEALTHCHECK CMD true\n"
                             "FROM node:20-slim\nCMD [\"node\", \"server.js\"]\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR005");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "the final stage (stage 1) has no HEALTHCHECK");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(DkrHealthcheck, FailsWhenHealthcheckNone) {
  const auto results = check(checks::DkrHealthcheck(),
                             "FROM app:1 AS base\nHEALTHCHECK CMD curl -f http://localhost/\n"
                             "FROM base\nHEALTHCHECK NONE\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 4);
}

TEST(DkrHealthcheck, PassesWithHealthcheck) {
  const auto results = check(checks::DkrHealthcheck(),
                             "FROM python:3.12-slim\nHEALTHCHECK --interval=30s --timeout=3s \\\n"
                             "  CMD [\"python\", \"-c\", \"import urllib.request as u; "
                             "u.urlopen('http://127.0.0.1:8000/health')\"]\n");
  EXPECT_EQ(statuses(results), "pass");
}

TEST(DkrHealthcheck, PassesWithHealthcheckInheritedFromParentStage) {
  EXPECT_EQ(statuses(check(checks::DkrHealthcheck(),
                           "FROM app:1 AS base\nHEALTHCHECK CMD [\"/healthz\"]\nFROM base\n")),
            "pass");
}

}  // namespace
}  // namespace shipcheck::test
