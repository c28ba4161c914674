// GIT004 lock_files: every manifest has its committed lock file or pinned requirements.
#include "checks/repo/lock_files.h"

#include <gtest/gtest.h>

#include "checks/repo/manifests.h"
#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::git_commit_all;
using test::run_check;
using test::statuses;
using test::TempDir;

constexpr const char* k_package_json = R"({"name": "web", "dependencies": {"next": "14.2.3"}})";

std::vector<Result> commit_and_check_locks(const TempDir& dir) {
  git_commit_all(dir.path());
  return run_check(LockFiles(), config_for(dir.path()));
}

TEST(LockFilesTest, SkipsOutsideAGitRepository) {
  TempDir dir;
  dir.write("package.json", k_package_json);
  EXPECT_EQ(statuses(run_check(LockFiles(), config_for(dir.path()))), "skip");
}

TEST(LockFilesTest, SkipsWithoutManifests) {
  TempDir dir;
  dir.write("main.c", "int main(void) { return 0; }\n");
  dir.write("pyproject.toml", "[project]\nname = \"x\"\n");
  const auto results = commit_and_check_locks(dir);
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_EQ(results[0].message, "no package manifest that needs a lock file");
}

TEST(LockFilesTest, FailsWhenPackageJsonHasNoLockFile) {
  TempDir dir;
  dir.write("frontend/package.json", k_package_json);
  const auto results = commit_and_check_locks(dir);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->file, "frontend/package.json");
  EXPECT_NE(results[0].message.find("frontend/package.json has no lock file (package-lock.json"),
            std::string::npos);
}

TEST(LockFilesTest, FailsWhenTheLockFileIsNotCommitted) {
  TempDir dir;
  dir.write(".gitignore", "package-lock.json\n");
  dir.write("package.json", k_package_json);
  dir.write("package-lock.json", "{}");
  const auto results = commit_and_check_locks(dir);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "package-lock.json exists but is not committed");
}

TEST(LockFilesTest, FailsWhenRequirementsAreNotPinned) {
  TempDir dir;
  dir.write("backend/requirements.txt",
            "# runtime\nfastapi==0.110.0\nuvicorn[standard]>=0.29\n-r base.txt\nsqlalchemy\n");
  const auto results = commit_and_check_locks(dir);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "backend/requirements.txt: 2 requirements are not pinned with ==: uvicorn, sqlalchemy");
  EXPECT_EQ(results[0].location->line, 3);
}

TEST(LockFilesTest, FailsWhenEachManifestLacksItsLock) {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.poetry]\nname = \"api\"\n");
  dir.write("Pipfile", "[packages]\nrequests = \"*\"\n");
  dir.write("go.mod", "module x\n\nrequire example.com/y v1.0.0\n");
  dir.write("Cargo.toml", "[package]\nname = \"x\"\n");
  dir.write("Gemfile", "gem 'rails'\n");
  dir.write("composer.json", "{}");
  EXPECT_EQ(statuses(commit_and_check_locks(dir)), "fail,fail,fail,fail,fail,fail");
}

TEST(LockFilesTest, PassesWithCommittedLockFiles) {
  TempDir dir;
  dir.write("package.json", k_package_json);
  dir.write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
  dir.write("api/pyproject.toml", "[project]\nname = \"api\"\n[tool.uv]\ndev-dependencies = []\n");
  dir.write("api/uv.lock", "version = 1\n");
  dir.write("api/requirements.txt", "fastapi==0.110.0 ; python_version >= '3.9'\n-e .\n");
  dir.write("worker/requirements.txt",
            "celery==5.3.6 \\\n    --hash=sha256:abc\nredis>=5 --hash=sha256:def\n");
  dir.write("go.mod", "module x\n\ngo 1.22\n");
  const auto results = commit_and_check_locks(dir);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "4 manifests locked");
  EXPECT_NE(results[0].evidence.find("package.json (pnpm-lock.yaml)"), std::string::npos);
}

TEST(LockFilesTest, PassesWithAWorkspaceLockAboveTheMember) {
  TempDir dir;
  dir.write("package.json", R"({"private": true, "workspaces": ["packages/*"]})");
  dir.write("package-lock.json", "{}");
  dir.write("packages/ui/package.json", k_package_json);
  const auto results = commit_and_check_locks(dir);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].evidence.find("packages/ui/package.json (package-lock.json)"),
            std::string::npos);
}

TEST(LockFilesTest, IgnoresDependencyTreesDeepAndIgnoredDirectories) {
  TempDir dir;
  dir.write(".gitignore", "third_party/\n");
  dir.write("package.json", k_package_json);
  dir.write("yarn.lock", "# yarn\n");
  dir.write("node_modules/left-pad/package.json", k_package_json);
  dir.write(".venv/lib/requirements.txt", "flask\n");
  dir.write("env/pyvenv.cfg", "home = /usr\n");
  dir.write("env/requirements.txt", "flask\n");
  dir.write("third_party/lib/package.json", k_package_json);
  dir.write("a/b/c/d/package.json", k_package_json);
  EXPECT_EQ(statuses(commit_and_check_locks(dir)), "pass");
}

TEST(LockFilesTest, FindsUnpinnedRequirements) {
  const auto unpinned = unpinned_requirements(
      "Django==4.2.11\nrequests~=2.31\nnumpy==1.*\npkg @ https://example.invalid/p.whl\n"
      "   # comment\n--index-url https://pypi.invalid/simple\nflask  # web\n"
      "attrs===23.1.0\nclick==8.1.7,!=8.1.6\n");
  std::vector<std::string> names;
  for (const auto& u : unpinned) {
    names.push_back(u.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"requests", "numpy", "flask", "click"}));
  EXPECT_TRUE(unpinned_requirements("a>=1 --hash=sha256:0\n").empty());
}

}  // namespace
}  // namespace shipcheck::checks
