// DKR030: COPY and ADD with several sources copy into a directory ending in /.
#include "checks/docker/copy_destination_dir.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrCopyDestinationDir, FailsWhenDestinationLacksASlash) {
  const auto results = check(checks::DkrCopyDestinationDir(),
                             "FROM node:20\n"
                             "COPY package.json package-lock.json /app\n"
                             "ADD [\"a.tar.gz\", \"b.tar.gz\", \"/opt\"]\n"
                             "ARG DEST=/srv\n"
                             "COPY a b $DEST\n");
  ASSERT_EQ(statuses(results), "fail,fail,fail");
  EXPECT_EQ(lines(results), "2,3,5");
  EXPECT_EQ(results[0].message,
            "COPY of 2 sources into `/app`, which does not end in /: write `/app/`");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[2].message,
            "COPY of 2 sources into `/srv`, which does not end in /: write "
            "`$DEST/`");
}

TEST(DkrCopyDestinationDir, PassesWithDirectoriesAndSingleSources) {
  const auto results = check(checks::DkrCopyDestinationDir(),
                             "FROM node:20\n"
                             "WORKDIR /app\n"
                             "COPY package.json package-lock.json ./\n"
                             "COPY a b .\n"
                             "COPY --chown=node app.js /app/server.js\n"
                             "COPY <<EOF1 <<EOF2 /etc/app/\n"
                             "one\n"
                             "EOF1\n"
                             "two\n"
                             "EOF2\n"
                             "COPY x y ${UNKNOWN}\n");
  ASSERT_EQ(statuses(results), "pass");
}

TEST(DkrCopyDestinationDir, AcceptsBackslashOnWindows) {
  const auto results = check(checks::DkrCopyDestinationDir(),
                             "# escape=`\n"
                             "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
                             "COPY a.dll b.dll C:\\app\\\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
