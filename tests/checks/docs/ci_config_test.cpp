// DOC005 ci_config: a CI pipeline configuration exists.
#include "checks/docs/ci_config.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::run_check;
using test::statuses;
using test::TempDir;

TEST(CiConfigTest, FailsWhenNoCiConfigurationExists) {
  TempDir dir;
  dir.write(".github/workflows/README.md", "workflows go here\n");
  dir.write(".ci/.keep", "");
  std::filesystem::remove(dir.path() / ".ci/.keep");
  const auto results = run_check(CiConfig(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no CI configuration found");
}

TEST(CiConfigTest, PassesWithAGithubWorkflow) {
  TempDir dir;
  dir.write(".github/workflows/test.yaml", "on: push\n");
  const auto results = run_check(CiConfig(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "CI configuration: .github/workflows/test.yaml");
}

TEST(CiConfigTest, PassesWithOtherCiSystems) {
  for (const char* file : {".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml",
                           "bitbucket-pipelines.yml", ".buildkite/pipeline.yml"}) {
    TempDir dir;
    dir.write(file, "steps: []\n");
    EXPECT_EQ(statuses(run_check(CiConfig(), config_for(dir.path()))), "pass") << file;
  }
}

TEST(CiConfigTest, PassesWithCiAtTheRepositoryTopLevel) {
  TempDir dir;
  dir.write(".github/workflows/ci.yml", "on: push\n");
  dir.write("backend/app.py", "print()\n");
  test::git_commit_all(dir.path());
  const auto results = run_check(CiConfig(), config_for(dir.path() / "backend"));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "CI configuration: .github/workflows/ci.yml (repository top level)");
}

}  // namespace
}  // namespace shipcheck::checks
