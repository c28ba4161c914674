// DKR008: no ADD of remote URLs without a checksum.
#include "checks/docker/add_remote.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrAddRemote, FailsWhenAddFetchesUrl) {
  const auto results =
      check(checks::DkrAddRemote(),
            "FROM alpine:3.19\nADD https://github.com/x/y/releases/download/v1/y.tar.gz /tmp/\n"
            "ADD git@github.com:x/y.git /src\n");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "DKR008");
  EXPECT_EQ(results[0].message,
            "ADD fetches https://github.com/x/y/releases/download/v1/y.tar.gz without --checksum");
  EXPECT_EQ(lines(results), "2,3");
}

TEST(DkrAddRemote, FailsWithoutLeakingAUrlPassword) {
  const auto results = check(checks::DkrAddRemote(),
                             "FROM alpine:3.19\nADD https://bot:hunter2hunter2@example.com/f /f\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message.find("hunter2hunter2"), std::string::npos);
  EXPECT_EQ(results[0].evidence.find("hunter2hunter2"), std::string::npos);
}

TEST(DkrAddRemote, PassesWithChecksumOrPinnedCommit) {
  const auto results = check(checks::DkrAddRemote(),
                             "# syntax=docker/dockerfile:1.6\nFROM alpine:3.19\n"
                             "ADD --checksum=sha256:" +
                                 std::string(64, 'c') +
                                 " https://example.com/y.tar.gz /tmp/\n"
                                 "ADD https://github.com/moby/buildkit.git#" +
                                 std::string(40, 'd') + " /src\nADD local.tar /\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
