// DKR012: packages installed at pinned versions.
#include "checks/docker/pinned_packages.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrPinnedPackages, FailsWhenVersionsAreMissingInAnyEcosystem) {
  const auto results = check(checks::DkrPinnedPackages(),
                             "FROM debian:12\n"
                             "RUN apt-get install -y --no-install-recommends curl=7.88.1-10 git\n"
                             "RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2\n"
                             "RUN pip install --no-cache-dir 'flask>=2' requests==2.31.0\n"
                             "RUN python3 -m pip install uvicorn\n"
                             "RUN gem install bundler\n"
                             "RUN npm install -g pm2 typescript@5.4.2\n");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail,fail,fail");
  EXPECT_EQ(results[0].rule, "DKR012");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].message, "apt-get install without a pinned version: git");
  EXPECT_EQ(results[1].message, "apk add without a pinned version: gcc");
  EXPECT_EQ(results[2].message, "pip install without a pinned version: flask>=2");
  EXPECT_EQ(results[3].message, "pip install without a pinned version: uvicorn");
  EXPECT_EQ(results[4].message, "gem install without a pinned version: bundler");
  EXPECT_EQ(results[5].message, "npm install without a pinned version: pm2");
  EXPECT_EQ(lines(results), "2,3,4,5,6,7");
}

TEST(DkrPinnedPackages, FailsWhenPipUpgradesItselfUnpinned) {
  const auto results =
      check(checks::DkrPinnedPackages(), "FROM python:3.11-slim\nRUN pip install --upgrade pip\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "pip install without a pinned version: pip");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrPinnedPackages, PassesWithPinsFilesAndLockedInstalls) {
  const auto results = check(
      checks::DkrPinnedPackages(),
      "FROM python:3.12-slim\n"
      "RUN apt-get install -y curl=7.88.1-10 ./local.deb\n"
      "RUN apk add musl-dev~1.2\n"
      "RUN pip install -r requirements.txt -c constraints.txt\n"
      "RUN pip install --upgrade pip==24.0 && pip install -e . dist/app-1.0-py3-none-any.whl\n"
      "RUN pip install \"uvicorn[standard]==0.30.1\" $EXTRA\n"
      "RUN gem install rails -v 7.1.3 && gem install rake:13.1.0\n"
      "RUN npm ci && npm install express && npm i -g @nestjs/cli@10.3.2\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
