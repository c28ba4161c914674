// DKR007: COPY rather than ADD for local files.
#include "checks/docker/copy_not_add.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrCopyNotAdd, FailsWhenAddCopiesLocalFiles) {
  const auto results = check(checks::DkrCopyNotAdd(),
                             "FROM alpine:3.19\nADD --chown=app requirements.txt app/ /srv/\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR007");
  EXPECT_EQ(results[0].message, "ADD of local files (requirements.txt app/): use COPY");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrCopyNotAdd, FailsWhenExecFormAddsLocalFile) {
  const auto results =
      check(checks::DkrCopyNotAdd(), "FROM alpine:3.19\nRUN true\nADD [\"conf.d\", \"/etc/\"]\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(DkrCopyNotAdd, PassesWithArchivesRemoteSourcesAndCopy) {
  const auto results = check(checks::DkrCopyNotAdd(),
                             "FROM alpine:3.19\n"
                             "ADD rootfs.tar.gz /\n"
                             "ADD vendor.tgz bundle.tar.xz /opt/\n"
                             "ADD https://example.com/tool.bin /usr/local/bin/tool\n"
                             "COPY . /app\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
