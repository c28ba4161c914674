// GIT003 release_tag: HEAD is a tagged release.
#include "checks/repo/release_tag.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::git_commit_all;
using test::run_check;
using test::statuses;
using test::TempDir;

void commit_change(const TempDir& dir, const std::string& content) {
  dir.write("app.py", content);
  git_commit_all(dir.path(), "change " + content.substr(0, 2));
}

TEST(ReleaseTagTest, SkipsOutsideAGitRepository) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(ReleaseTag(), config_for(dir.path()))), "skip");
}

TEST(ReleaseTagTest, FailsWhenHeadIsAfterTheNewestTag) {
  TempDir dir;
  commit_change(dir, "v0\n");
  test::git(dir.path(), "tag -a v1.2.0 -m v1.2.0");
  commit_change(dir, "v1\n");
  commit_change(dir, "v2\n");
  commit_change(dir, "v3\n");
  test::git(dir.path(), "tag nightly");
  const auto results = run_check(ReleaseTag(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "HEAD is 3 commits after v1.2.0");
  EXPECT_EQ(results[0].evidence.rfind("HEAD is commit ", 0), 0u);
}

TEST(ReleaseTagTest, FailsWhenNoTagMatches) {
  TempDir dir;
  commit_change(dir, "v0\n");
  test::git(dir.path(), "tag latest");
  const auto results = run_check(ReleaseTag(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "HEAD is not tagged and no tag matches 'v*'");
}

TEST(ReleaseTagTest, FailsWhenTheRepositoryHasNoCommits) {
  TempDir dir;
  test::git(dir.path(), "init -q");
  const auto results = run_check(ReleaseTag(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "the repository has no commits (HEAD is unborn)");
}

TEST(ReleaseTagTest, PassesWithAnnotatedReleaseTagOnHead) {
  TempDir dir;
  commit_change(dir, "v0\n");
  test::git(dir.path(), "tag -a v2.0.0 -m v2.0.0");
  const auto results = run_check(ReleaseTag(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("is tagged v2.0.0"), std::string::npos);
}

TEST(ReleaseTagTest, PassesWithLightweightTagMatchingTheConfiguredGlob) {
  TempDir dir;
  dir.write("backend/app.py", "x\n");
  git_commit_all(dir.path());
  test::git(dir.path(), "tag release-2026.01");
  auto config = config_for(dir.path() / "backend");
  config.git.release_tag = "release-*";
  EXPECT_EQ(statuses(run_check(ReleaseTag(), config)), "pass");
  config.git.release_tag = "v*";
  EXPECT_EQ(statuses(run_check(ReleaseTag(), config)), "fail");
}

}  // namespace
}  // namespace shipcheck::checks
