// DKR026: no cd in RUN (use WORKDIR).
#include "checks/docker/no_cd.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNoCd, FailsWhenRunUsesCd) {
  const auto results = check(checks::DkrNoCd(),
                             "FROM golang:1.22\n"
                             "COPY . /src\n"
                             "RUN cd /src && go build ./...\n"
                             "RUN [\"sh\", \"-c\", \"cd /tmp && make\"]\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(lines(results), "3,4");
  EXPECT_EQ(results[0].message, "RUN changes directory with `cd /src`: use WORKDIR");
  EXPECT_EQ(results[0].severity, Severity::low);
}

TEST(DkrNoCd, PassesWithWorkdirAndHeredocScripts) {
  const auto results = check(checks::DkrNoCd(),
                             "FROM golang:1.22\n"
                             "WORKDIR /src\n"
                             "RUN go build ./... && echo cd\n"
                             "RUN <<EOF\n"
                             "cd /tmp\n"
                             "make\n"
                             "EOF\n");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "Dockerfile: no RUN changes directory with cd");
}

}  // namespace
}  // namespace shipcheck::test
