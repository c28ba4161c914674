// DKR017: pip install uses --no-cache-dir.
#include "checks/docker/pip_no_cache.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrPipNoCache, FailsWhenCacheIsKept) {
  const auto results = check(checks::DkrPipNoCache(),
                             "FROM python:3.12-slim\nCOPY requirements.txt .\n"
                             "RUN pip install --upgrade pip && \\\n"
                             "    pip install -r requirements.txt\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR017");
  EXPECT_EQ(results[0].message, "pip install without --no-cache-dir");
  EXPECT_EQ(results[1].evidence, "pip install -r requirements.txt");
  EXPECT_EQ(lines(results), "3,3");
  EXPECT_NE(results[0].fingerprint, results[1].fingerprint);
}

TEST(DkrPipNoCache, FailsInABuilderStageToo) {
  const auto results = check(checks::DkrPipNoCache(),
                             "FROM python:3.12 AS build\n"
                             "RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r r.txt\n"
                             "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrPipNoCache, PassesWithFlagEnvMountOrRemoval) {
  const auto results =
      check(checks::DkrPipNoCache(),
            "FROM python:3.12 AS build\nRUN pip wheel -w /wheels -r requirements.txt && "
            "pip install --no-cache-dir build\n"
            "FROM python:3.12-slim\n"
            "RUN pip install --no-cache-dir -r requirements.txt\n"
            "RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn==22.0.0\n"
            "RUN pip3 install uvicorn==0.30.1 && rm -rf /root/.cache/pip\n"
            "ENV PIP_NO_CACHE_DIR=1\n"
            "RUN python -m pip install /wheels/*\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
