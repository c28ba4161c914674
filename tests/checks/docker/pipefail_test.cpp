// DKR022: a RUN with a pipe sets pipefail first.
#include "checks/docker/pipefail.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrPipefail, FailsWhenAPipeRunsUnderPlainSh) {
  const auto results = check(checks::DkrPipefail(),
                             "FROM debian:12\n"
                             "RUN curl -fsSL https://example.com/install.sh | sh\n"
                             "RUN [\"/bin/sh\", \"-c\", \"wget -qO- x | tar xz\"]\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(lines(results), "2,3");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].message,
            "RUN has a pipe but pipefail is off: the pipe's status is its last command's, earlier "
            "failures go unnoticed");
}

TEST(DkrPipefail, FailsWhenPipefailComesAfterThePipeOrInAnotherStage) {
  const auto results = check(checks::DkrPipefail(),
                             "FROM debian:12 AS tools\n"
                             "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                             "FROM debian:12\n"
                             "RUN curl -s x | sh && set -o pipefail\n"
                             "RUN bash <<EOF\n"
                             "curl -s y | sh\n"
                             "EOF\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(lines(results), "4,5");
}

TEST(DkrPipefail, PassesWithShellOptionOrSetPipefail) {
  const auto results = check(checks::DkrPipefail(),
                             "FROM debian:12 AS base\n"
                             "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                             "RUN curl -s x | sh\n"
                             "FROM base\n"
                             "RUN wget -qO- y | tar xz\n"
                             "RUN <<EOF\n"
                             "curl z | sh\n"
                             "EOF\n"
                             "FROM alpine:3.19\n"
                             "RUN set -euo pipefail; curl x | sh\n"
                             "RUN [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\", \"a | b\"]\n");
  ASSERT_EQ(statuses(results), "pass");
}

TEST(DkrPipefail, IgnoresOrQuotedBarsAndNonPosixShells) {
  const auto results = check(checks::DkrPipefail(),
                             "FROM debian:12\n"
                             "RUN test -f x || exit 1\n"
                             "RUN echo 'a|b' \"c | d\" && grep -E 'x\\|y' f\n"
                             "RUN [\"/app/tool\", \"a|b\"]\n"
                             "RUN cat <<EOF > /etc/conf\n"
                             "x | y\n"
                             "EOF\n"
                             "SHELL [\"pwsh\", \"-Command\"]\n"
                             "RUN Get-ChildItem | Select-Object Name\n"
                             "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
                             "RUN dir | findstr x\n");
  ASSERT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
