// DKR003: base images pinned by digest.
#include "checks/docker/base_image_digest.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

const std::string k_digest = "sha256:" + std::string(64, 'b');

TEST(DkrBaseImageDigest, FailsWhenOnlyTagged) {
  const auto results =
      check(checks::DkrBaseImageDigest(),
            "FROM golang:1.22@" + k_digest + " AS build\nFROM gcr.io/distroless/static:nonroot\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR003");
  EXPECT_EQ(results[0].severity, Severity::low);
  EXPECT_EQ(results[0].message, "FROM gcr.io/distroless/static:nonroot is not pinned by digest");
  EXPECT_EQ(results[0].location->line, 2);
}

TEST(DkrBaseImageDigest, PassesWithDigests) {
  const auto results =
      check(checks::DkrBaseImageDigest(),
            "FROM python:3.12-slim@" + k_digest + " AS base\nFROM base\nFROM scratch\n");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test
