// Tests of the libgit2 reader against real repositories made with the git CLI.
#include "engines/git/repo.h"

#include <future>

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::git {
namespace {

using test::git_commit_all;
using test::TempDir;
using Strings = std::vector<std::string>;

GitRepo open_ok(const std::filesystem::path& path) {
  auto repo = GitRepo::open(path);
  EXPECT_TRUE(repo.has_value());
  if (!repo) {
    throw std::runtime_error("no repository at " + path.string());
  }
  return std::move(*repo);
}

TEST(GitRepo, OpenFindsTheRepositoryAboveASubdirectory) {
  TempDir dir;
  dir.write("backend/app.py", "print()\n");
  git_commit_all(dir.path());
  const GitRepo repo = open_ok(dir.path() / "backend");
  EXPECT_EQ(std::filesystem::weakly_canonical(repo.workdir()),
            std::filesystem::weakly_canonical(dir.path()));
}

TEST(GitRepo, OpenReturnsNulloptOutsideARepository) {
  TempDir dir;
  dir.write("app.py", "print()\n");
  EXPECT_FALSE(GitRepo::open(dir.path()).has_value());
  auto tried = GitRepo::try_open(dir.path());
  ASSERT_TRUE(tried.has_value());
  EXPECT_FALSE(tried->has_value());
}

TEST(GitRepo, OpenReportsAnUnreadableRepository) {
  TempDir dir;
  dir.write(".git/HEAD", "garbage\n");
  dir.write(".git/config", "[core\n");
  dir.write(".git/objects/.keep", "");
  dir.write(".git/refs/heads/.keep", "");
  auto tried = GitRepo::try_open(dir.path());
  EXPECT_FALSE(tried.has_value());
  EXPECT_THROW(GitRepo::open(dir.path()), std::runtime_error);
}

TEST(GitRepo, TrackedFilesListsTheIndexIncludingStagedFiles) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  dir.write("sub/b.txt", "b\n");
  git_commit_all(dir.path());
  dir.write("staged.txt", "s\n");
  dir.write("untracked.txt", "u\n");
  test::git(dir.path(), "add staged.txt");
  EXPECT_EQ(open_ok(dir.path()).tracked_files(), (Strings{"a.txt", "staged.txt", "sub/b.txt"}));
}

TEST(GitRepo, IsIgnoredFollowsGitignoreForMissingPathsToo) {
  TempDir dir;
  dir.write(".gitignore", ".env*\n!.env.example\nbuild/\n");
  git_commit_all(dir.path());
  const GitRepo repo = open_ok(dir.path());
  EXPECT_TRUE(repo.is_ignored(".env.production"));
  EXPECT_FALSE(repo.is_ignored(".env.example"));
  EXPECT_TRUE(repo.is_ignored("build/"));
  EXPECT_FALSE(repo.is_ignored("src/main.py"));
}

TEST(GitRepo, StatusListsModifiedStagedAndUntrackedButNotIgnored) {
  TempDir dir;
  dir.write(".gitignore", "*.log\n");
  dir.write("kept.txt", "1\n");
  dir.write("edited.txt", "1\n");
  dir.write("gone.txt", "1\n");
  git_commit_all(dir.path());
  dir.write("edited.txt", "2\n");
  dir.write("new/deep/file.txt", "n\n");
  dir.write("debug.log", "ignored\n");
  dir.write("staged.txt", "s\n");
  test::git(dir.path(), "add staged.txt");
  std::filesystem::remove(dir.path() / "gone.txt");

  const auto status = open_ok(dir.path()).status();
  Strings shown;
  for (const auto& entry : status) {
    shown.push_back(entry.code + " " + entry.path);
  }
  EXPECT_EQ(shown,
            (Strings{" M edited.txt", " D gone.txt", "?? new/deep/file.txt", "A  staged.txt"}));
}

TEST(GitRepo, StatusIsEmptyForACleanTree) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  git_commit_all(dir.path());
  EXPECT_TRUE(open_ok(dir.path()).status().empty());
}

TEST(GitRepo, TagsPointingAtHeadIncludeAnnotatedAndLightweight) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  git_commit_all(dir.path());
  test::git(dir.path(), "tag v0.9.0");
  dir.write("a.txt", "b\n");
  git_commit_all(dir.path(), "second");
  test::git(dir.path(), "tag -a v1.0.0 -m release");
  test::git(dir.path(), "tag latest");
  const GitRepo repo = open_ok(dir.path());
  EXPECT_EQ(repo.tags_pointing_at_head(), (Strings{"latest", "v1.0.0"}));
  ASSERT_TRUE(repo.head_commit().has_value());
  EXPECT_EQ(repo.head_commit()->size(), 40u);
}

TEST(GitRepo, NearestTagCountsCommitsSinceTheClosestMatchingTag) {
  TempDir dir;
  dir.write("a.txt", "0\n");
  git_commit_all(dir.path());
  test::git(dir.path(), "tag v1.0.0");
  for (int i = 1; i <= 3; ++i) {
    dir.write("a.txt", std::to_string(i) + "\n");
    git_commit_all(dir.path(), "c" + std::to_string(i));
    if (i == 1) {
      test::git(dir.path(), "tag -a v1.1.0 -m v1.1.0");
    }
  }
  const GitRepo repo = open_ok(dir.path());
  const auto nearest = repo.nearest_tag("v*");
  ASSERT_TRUE(nearest.has_value());
  EXPECT_EQ(nearest->tag, "v1.1.0");
  EXPECT_EQ(nearest->ahead, 2u);
  EXPECT_TRUE(nearest->reachable());
  EXPECT_FALSE(repo.nearest_tag("release-*").has_value());
  EXPECT_TRUE(repo.tags_pointing_at_head().empty());
}

TEST(GitRepo, NearestTagFallsBackToATagOnAnotherBranch) {
  TempDir dir;
  dir.write("a.txt", "0\n");
  git_commit_all(dir.path());
  test::git(dir.path(), "checkout -q -b release");
  dir.write("a.txt", "r\n");
  git_commit_all(dir.path(), "release fix");
  test::git(dir.path(), "tag v2.0.1");
  test::git(dir.path(), "checkout -q main");
  const auto nearest = open_ok(dir.path()).nearest_tag("v*");
  ASSERT_TRUE(nearest.has_value());
  EXPECT_EQ(nearest->tag, "v2.0.1");
  EXPECT_FALSE(nearest->reachable());
  EXPECT_EQ(nearest->behind, 1u);
}

TEST(GitRepo, AnUnbornBranchHasNoHeadAndNoTags) {
  TempDir dir;
  test::git(dir.path(), "init -q");
  const GitRepo repo = open_ok(dir.path());
  EXPECT_FALSE(repo.head_commit().has_value());
  EXPECT_TRUE(repo.tags_pointing_at_head().empty());
  EXPECT_FALSE(repo.nearest_tag("").has_value());
  EXPECT_TRUE(repo.tracked_files().empty());
}

TEST(GitRepo, OneRepoServesSeveralThreads) {
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    dir.write("f" + std::to_string(i) + ".txt", "x\n");
  }
  git_commit_all(dir.path());
  test::git(dir.path(), "tag v1");
  const GitRepo repo = open_ok(dir.path());
  std::vector<std::future<std::size_t>> runs;
  for (int t = 0; t < 4; ++t) {
    runs.push_back(std::async(std::launch::async, [&repo] {
      std::size_t total = 0;
      for (int i = 0; i < 20; ++i) {
        total += repo.tracked_files().size() + repo.status().size() +
                 repo.tags_pointing_at_head().size();
      }
      return total;
    }));
  }
  for (auto& run : runs) {
    EXPECT_EQ(run.get(), 20u * 21u);
  }
}

}  // namespace
}  // namespace shipcheck::git
