// DKR018: npm ci rather than npm install.
#include "checks/docker/npm_ci.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNpmCi, FailsWhenNpmInstallHasNoPackageNames) {
  const auto results = check(checks::DkrNpmCi(),
                             "FROM node:20 AS build\nCOPY package*.json ./\n"
                             "RUN npm install --no-audit\nFROM node:20-slim\n"
                             "RUN cd /app && npm i\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR018");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message, "npm install without package names: use npm ci");
  EXPECT_EQ(results[1].message, "npm i without package names: use npm ci");
  EXPECT_EQ(lines(results), "3,5");
}

TEST(DkrNpmCi, PassesWithNpmCiAndNamedPackages) {
  const auto results = check(checks::DkrNpmCi(),
                             "FROM node:20\nRUN npm ci --omit=dev\n"
                             "RUN npm install -g pm2@5.3.1 && npm install sharp@0.33.2\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
