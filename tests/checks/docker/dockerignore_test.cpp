// .dockerignore matching as BuildKit does it.
#include "checks/docker/dockerignore.h"

#include <gtest/gtest.h>

namespace shipcheck::test {
namespace {

using checks::docker::dockerignore_decision;

bool excluded(const std::vector<std::string>& lines, std::string_view path) {
  return dockerignore_decision(lines, path).excluded;
}

TEST(DkrDockerignoreMatch, StarStopsAtSlashDoubleStarDoesNot) {
  EXPECT_TRUE(excluded({".env*"}, ".env.production"));
  EXPECT_FALSE(excluded({".env*"}, "config/.env"));
  EXPECT_TRUE(excluded({"**/.env*"}, ".env"));
  EXPECT_TRUE(excluded({"**/.env*"}, "config/.env.local"));
  EXPECT_TRUE(excluded({"*.pyc"}, "a.pyc"));
  EXPECT_FALSE(excluded({"*.pyc"}, "pkg/a.pyc"));
  EXPECT_TRUE(excluded({"?env"}, "xenv"));
  EXPECT_TRUE(excluded({"[.]env"}, ".env"));
}

TEST(DkrDockerignoreMatch, ParentDirectoriesCleaningAndNegation) {
  EXPECT_TRUE(excluded({".git"}, ".git/HEAD"));
  EXPECT_TRUE(excluded({"/.git/"}, ".git"));
  EXPECT_TRUE(excluded({"./.git"}, ".git"));
  EXPECT_FALSE(excluded({".env*", "!.env.production"}, ".env.production"));
  EXPECT_EQ(
      dockerignore_decision({"# c", "", ".env*", " !.env.production "}, ".env.production").line, 4);
  EXPECT_FALSE(excluded({}, ".env"));
  EXPECT_FALSE(excluded({"[unclosed"}, "[unclosed"));
}

}  // namespace
}  // namespace shipcheck::test
