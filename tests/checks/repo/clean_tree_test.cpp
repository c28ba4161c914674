// GIT002 clean_tree: what is deployed is exactly a commit.
#include "checks/repo/clean_tree.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::git_commit_all;
using test::run_check;
using test::statuses;
using test::TempDir;

TEST(CleanTreeTest, SkipsWhenNotRequired) {
  TempDir dir;
  auto config = config_for(dir.path());
  config.git.require_clean = false;
  EXPECT_EQ(statuses(run_check(CleanTree(), config)), "skip");
}

TEST(CleanTreeTest, SkipsOutsideAGitRepository) {
  TempDir dir;
  EXPECT_EQ(statuses(run_check(CleanTree(), config_for(dir.path()))), "skip");
}

TEST(CleanTreeTest, FailsWhenFilesAreModifiedStagedOrUntracked) {
  TempDir dir;
  dir.write("app.py", "v1\n");
  dir.write("README.md", "r\n");
  git_commit_all(dir.path());
  dir.write("app.py", "v2\n");
  dir.write("new.py", "n\n");
  test::git(dir.path(), "add new.py");
  for (int i = 0; i < 5; ++i) {
    dir.write("scratch/" + std::to_string(i) + ".txt", "x\n");
  }
  const auto results = run_check(CleanTree(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "7 uncommitted changes (1 modified, 1 staged, 5 untracked)");
  EXPECT_EQ(results[0].evidence,
            " M app.py\nA  new.py\n?? scratch/0.txt\n?? scratch/1.txt\n?? scratch/2.txt\n"
            "… and 2 more");
}

TEST(CleanTreeTest, PassesWithCleanTreeAndIgnoredFiles) {
  TempDir dir;
  dir.write(".gitignore", ".env.production\n__pycache__/\n");
  dir.write("app.py", "v1\n");
  git_commit_all(dir.path());
  dir.write(".env.production", "A=1\n");
  dir.write("__pycache__/app.pyc", "x");
  // The run store ignores itself (`shipcheck run` writes .shipcheck/.gitignore).
  dir.write(".shipcheck/.gitignore", "*\n");
  dir.write(".shipcheck/history.db", "own output");
  const auto results = run_check(CleanTree(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "working tree is clean");
}

TEST(CleanTreeTest, FailsWhenAStrayFileSitsUnderAnUnignoredDotDirectory) {
  TempDir dir;
  dir.write("app.py", "v1\n");
  git_commit_all(dir.path());
  dir.write(".shipcheck/notes.txt", "not ours: no .gitignore here");
  EXPECT_EQ(statuses(run_check(CleanTree(), config_for(dir.path()))), "fail");
}

TEST(CleanTreeTest, OnlyLooksUnderTheProjectRoot) {
  TempDir dir;
  dir.write("backend/app.py", "v1\n");
  dir.write("frontend/app.js", "v1\n");
  git_commit_all(dir.path());
  dir.write("frontend/app.js", "v2\n");
  const auto config = config_for(dir.path() / "backend");
  EXPECT_EQ(statuses(run_check(CleanTree(), config)), "pass");
  dir.write("backend/app.py", "v2\n");
  const auto results = run_check(CleanTree(), config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].evidence, " M app.py");
}

}  // namespace
}  // namespace shipcheck::checks
