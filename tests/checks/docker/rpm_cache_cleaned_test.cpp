// DKR029: yum, dnf, zypper and microdnf installs clean their cache.
#include "checks/docker/rpm_cache_cleaned.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrRpmCacheCleaned, FailsWhenInstallsDoNotClean) {
  const auto results = check(checks::DkrRpmCacheCleaned(),
                             "FROM rockylinux:9\n"
                             "RUN yum install -y httpd\n"
                             "RUN microdnf install -y nginx\n"
                             "RUN zypper -n in curl\n"
                             "RUN dnf clean all && dnf install -y git\n");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail");
  EXPECT_EQ(lines(results), "2,3,4,5");
  EXPECT_EQ(results[0].message,
            "yum installs without `yum clean all` in the same RUN: the package cache stays in "
            "the image layer");
  EXPECT_NE(results[2].message.find("`zypper clean`"), std::string::npos);
  EXPECT_EQ(results[0].severity, Severity::low);
}

TEST(DkrRpmCacheCleaned, PassesWithCleanInTheSameRun) {
  const auto results =
      check(checks::DkrRpmCacheCleaned(),
            "FROM rockylinux:9\n"
            "RUN yum install -y httpd && yum clean all\n"
            "RUN dnf -y --setopt=tsflags=nodocs install git && rm -rf /var/cache/dnf\n"
            "RUN microdnf install -y nginx && microdnf clean all\n"
            "RUN zypper --non-interactive install curl && zypper clean --all\n"
            "RUN --mount=type=cache,target=/var/cache/dnf dnf install -y jq\n"
            "RUN dnf group install -y 'Development Tools' && dnf clean all\n");
  ASSERT_EQ(statuses(results), "pass");
}

TEST(DkrRpmCacheCleaned, ChecksBuilderStagesToo) {
  const auto results = check(checks::DkrRpmCacheCleaned(),
                             "FROM fedora:40 AS build\n"
                             "RUN dnf install -y gcc\n"
                             "FROM registry.access.redhat.com/ubi9/ubi-micro\n");
  EXPECT_EQ(statuses(results), "fail");
  EXPECT_EQ(lines(results), "2");
}

}  // namespace
}  // namespace shipcheck::test
