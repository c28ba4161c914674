// DKR021: no apt-get upgrade or dist-upgrade (nor the other managers' upgrade-all).
#include "checks/docker/no_upgrade.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNoUpgrade, FailsWhenAptGetUpgrades) {
  const auto results = check(checks::DkrNoUpgrade(),
                             "FROM debian:12\n"
                             "RUN apt-get update \\\n"
                             "    && apt-get -y dist-upgrade \\\n"
                             "    && apt-get install -y --no-install-recommends curl\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(lines(results), "2");
  EXPECT_EQ(results[0].message,
            "apt-get dist-upgrade upgrades every package to whatever is current when the image "
            "is built");
  EXPECT_EQ(results[0].evidence, "apt-get -y dist-upgrade");
}

TEST(DkrNoUpgrade, FailsOnOtherManagersUpgradingEverything) {
  const auto results = check(checks::DkrNoUpgrade(),
                             "FROM alpine:3.19\n"
                             "RUN apk --no-cache upgrade\n"
                             "FROM rockylinux:9\n"
                             "RUN yum -y update && yum clean all\n"
                             "FROM opensuse/leap:15\n"
                             "RUN zypper --non-interactive dup\n"
                             "FROM ubuntu:24.04\n"
                             "RUN sudo apt upgrade -y\n");
  EXPECT_EQ(statuses(results), "fail,fail,fail,fail");
  EXPECT_EQ(lines(results), "2,4,6,8");
}

TEST(DkrNoUpgrade, PassesWithTargetedUpdatesAndInstalls) {
  const auto results = check(checks::DkrNoUpgrade(),
                             "FROM rockylinux:9\n"
                             "RUN yum update -y openssl && yum clean all\n"
                             "FROM alpine:3.19\n"
                             "RUN apk upgrade --no-cache openssl\n"
                             "RUN apk add --no-cache curl\n"
                             "FROM debian:12\n"
                             "RUN apt-get update && apt-get install -y --only-upgrade "
                             "libssl3\n"
                             "RUN echo apt-get upgrade\n");
  ASSERT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
