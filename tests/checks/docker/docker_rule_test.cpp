// The DockerRule skeleton end to end: Dockerfiles found in a project directory through
// infra::infra_files(), one pass or one skip, broken files left to DKR001; and through the
// CLI, inline suppression and redaction in the JSON report.
#include "checks/docker/docker_rule.h"

#include <gtest/gtest.h>

#include "checks/docker/build_secrets.h"
#include "checks/docker/dockerfile_parses.h"
#include "checks/docker/dockerignore_excludes.h"
#include "checks/docker/non_root_user.h"
#include "checks/env/env_fixture.h"
#include "support/secret_samples.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::test {
namespace {

TEST(DkrRule, FindsDockerfilesInTheProject) {
  TempDir dir;
  dir.write("Dockerfile", "FROM python:3.12-slim\nUSER 10001\n");
  dir.write("services/worker/Dockerfile.worker", "FROM python:3.12-slim\nRUN true\n");
  dir.write("broken/Dockerfile", "RUN echo no from\n");
  const auto results = run_check(checks::DkrNonRootUser(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->file, "services/worker/Dockerfile.worker");
  EXPECT_EQ(results[0].location->line, 1);
  const auto parses = run_check(checks::DkrParses(), config_for(dir.path()));
  ASSERT_EQ(statuses(parses), "fail");
  EXPECT_EQ(parses[0].location->file, "broken/Dockerfile");
}

TEST(DkrRule, PassesOnceForAllFiles) {
  TempDir dir;
  dir.write("Dockerfile", "FROM python:3.12-slim\nUSER app\n");
  dir.write("api/Dockerfile", "FROM node:20-slim\nUSER node\n");
  const auto results = run_check(checks::DkrNonRootUser(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "2 Dockerfiles: the final stage runs as a non-root user");
}

TEST(DkrRule, SkipsWithoutDockerfiles) {
  TempDir dir;
  dir.write("README.md", "# nothing to build\n");
  const auto results = run_check(checks::DkrNonRootUser(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_EQ(results[0].message, "no Dockerfile found");
}

TEST(DkrRule, UsesTheDockerignoreOfTheBuildContext) {
  TempDir dir;
  dir.write("Dockerfile", "FROM alpine:3.19\nCOPY . /app\n");
  dir.write(".dockerignore", ".env\n.git\n");
  dir.write("api/Dockerfile", "FROM alpine:3.19\nCOPY . /app\n");
  dir.write("api/.dockerignore", ".env*\n.git\n");
  const auto results = run_check(checks::DkrDockerignore(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, ".dockerignore does not exclude .env.production");
  EXPECT_EQ(results[0].location->file, ".dockerignore");
}

TEST(DkrRule, InlineSuppressionAndRedactionInTheReport) {
  TempDir dir;
  const std::string secret = random_alnum(40, 11);
  dir.write("Dockerfile",
            "FROM python:3.12-slim\n"
            "# shipcheck:ignore DKR006 -- rotated, kept for the old build\n"
            "ENV SECRET_KEY=" +
                secret + "\n");
  dir.write(".dockerignore", ".env*\n.git\n");
  const auto run = run_shipcheck("run . --format json --only DKR006", dir.path());
  ASSERT_NE(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.out.find(secret), std::string::npos);
  EXPECT_EQ(run.err.find(secret), std::string::npos);
  const auto report = nlohmann::json::parse(run.out);
  bool seen = false;
  for (const auto& r : report["results"]) {
    if (r["rule"] == "DKR006") {
      seen = true;
      EXPECT_EQ(r["status"], "fail");
      EXPECT_EQ(r["location"]["line"], 3);
      EXPECT_TRUE(r.contains("suppressed")) << r.dump();
    }
  }
  EXPECT_TRUE(seen) << run.out;
}

}  // namespace
}  // namespace shipcheck::test
