// DKR019: a .dockerignore excludes .env* and .git.
#include "checks/docker/dockerignore_excludes.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

const std::string k_text = "FROM alpine:3.19\nCOPY . /app\n";

TEST(DkrDockerignore, FailsWhenMissing) {
  const auto results =
      checks::DkrDockerignore().check({dockerfile(k_text, "api/Dockerfile", std::nullopt)});
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "DKR019");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].message, "no .dockerignore for the build context of api/Dockerfile");
  EXPECT_EQ(results[0].location->file, "api/Dockerfile");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(DkrDockerignore, FailsWhenEnvProductionIsNotExcluded) {
  const auto results = checks::DkrDockerignore().check(
      {dockerfile(k_text, "Dockerfile",
                  std::vector<std::string>{"# build context", ".env", "node_modules", ".git/"})});
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, ".dockerignore does not exclude .env.production");
  EXPECT_EQ(results[0].location->file, ".dockerignore");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(DkrDockerignore, FailsOnTheLineThatReincludes) {
  const auto results = checks::DkrDockerignore().check(
      {dockerfile(k_text, "Dockerfile", std::vector<std::string>{"*", "!src", "!.env.production"}),
       dockerfile(k_text, "Dockerfile.worker",
                  std::vector<std::string>{"*", "!src", "!.env.production"})});
  ASSERT_EQ(statuses(results), "fail");  // one .dockerignore, judged once
  EXPECT_EQ(results[0].message, ".dockerignore does not exclude .env.production");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(DkrDockerignore, PassesWithEnvStarAndGit) {
  for (const auto& lines :
       std::vector<std::vector<std::string>>{{".env*", ".git"},
                                             {"**/.env*", "/.git/", "!.env.example"},
                                             {".env", ".env.*", ".git/**"},
                                             {"*", "!app/", "!requirements.txt"}}) {
    const auto results = checks::DkrDockerignore().check({dockerfile(k_text, "Dockerfile", lines)});
    EXPECT_EQ(statuses(results), "pass") << lines[0] << " " << lines[1];
  }
}

}  // namespace
}  // namespace shipcheck::test
