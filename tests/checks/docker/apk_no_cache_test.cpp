// DKR028: apk add uses --no-cache.
#include "checks/docker/apk_no_cache.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrApkNoCache, FailsWhenApkAddKeepsTheCache) {
  const auto results = check(checks::DkrApkNoCache(),
                             "FROM alpine:3.19\n"
                             "RUN apk update && apk add curl ca-certificates\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(lines(results), "2");
  EXPECT_EQ(results[0].evidence, "apk add curl ca-certificates");
}

TEST(DkrApkNoCache, PassesWithNoCacheMountOrRemovedCache) {
  const auto results = check(checks::DkrApkNoCache(),
                             "FROM alpine:3.19\n"
                             "RUN apk add --no-cache curl\n"
                             "RUN apk --no-cache add --virtual .deps gcc\n"
                             "RUN --mount=type=cache,target=/var/cache/apk apk add jq\n"
                             "RUN apk add git && rm -rf /var/cache/apk/*\n");
  ASSERT_EQ(statuses(results), "pass");
}

TEST(DkrApkNoCache, ChecksBuilderStagesToo) {
  const auto results = check(checks::DkrApkNoCache(),
                             "FROM alpine:3.19 AS build\n"
                             "RUN apk add build-base\n"
                             "FROM alpine:3.19\n"
                             "COPY --from=build /out /app\n");
  EXPECT_EQ(statuses(results), "fail");
  EXPECT_EQ(lines(results), "2");
}

}  // namespace
}  // namespace shipcheck::test
