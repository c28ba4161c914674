// GIT001 env_files_untracked: env files stay out of git.
#include "checks/repo/env_files_untracked.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::git_commit_all;
using test::run_check;
using test::statuses;
using test::TempDir;

// GIT001 reads only the env file's name, so the env file is not parsed here.
std::vector<Result> run_named(const Config& config) {
  Context ctx{config, config.root, std::nullopt, config.env_file, {}};
  return EnvFilesUntracked().run(ctx);
}

TEST(EnvFilesUntrackedTest, SkipsOutsideAGitRepository) {
  TempDir dir;
  dir.write(".env", "DEBUG=1\n");
  const auto results = run_check(EnvFilesUntracked(), config_for(dir.path()));
  EXPECT_EQ(statuses(results), "skip");
  EXPECT_EQ(results[0].message, "not a git repository");
}

TEST(EnvFilesUntrackedTest, FailsWhenEnvFilesAreTracked) {
  TempDir dir;
  dir.write(".env", "SECRET_KEY=abc\n");
  dir.write("deploy/prod.env", "A=1\n");
  dir.write(".env.example", "SECRET_KEY=\n");
  dir.write("config/.env.sample", "A=\n");
  dir.write("app.py", "print()\n");
  git_commit_all(dir.path());
  const auto results = run_check(EnvFilesUntracked(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, ".env is tracked by git and not ignored by .gitignore");
  ASSERT_TRUE(results[0].location.has_value());
  EXPECT_EQ(results[0].location->file, ".env");
  EXPECT_EQ(results[1].location->file, "deploy/prod.env");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].rule, "GIT001");
}

TEST(EnvFilesUntrackedTest, FailsWhenTrackedEvenIfIgnoredLater) {
  TempDir dir;
  dir.write(".env.production", "A=1\n");
  git_commit_all(dir.path());
  dir.write(".gitignore", ".env*\n");
  git_commit_all(dir.path(), "ignore");
  auto config = config_for(dir.path());
  config.env_file = ".env.production";
  const auto results = run_named(config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, ".env.production is tracked by git");
}

TEST(EnvFilesUntrackedTest, FailsWhenTheConfiguredEnvFileIsNotIgnored) {
  TempDir dir;
  dir.write("app.py", "print()\n");
  git_commit_all(dir.path());
  dir.write("secrets/prod.vars", "A=1\n");
  auto config = config_for(dir.path());
  config.env_file = "secrets/prod.vars";
  const auto results = run_named(config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "secrets/prod.vars is not ignored by .gitignore");
  EXPECT_EQ(results[0].location->file, "secrets/prod.vars");
}

TEST(EnvFilesUntrackedTest, PassesWithIgnoredEnvFileAndTrackedTemplates) {
  TempDir dir;
  dir.write(".gitignore", ".env\n.env.*\n!.env.example\n");
  dir.write(".env.example", "A=\n");
  dir.write(".env.production.template", "A=\n");
  dir.write(".envrc", "use nix\n");
  git_commit_all(dir.path());
  dir.write(".env.production", "A=1\n");
  auto config = config_for(dir.path());
  config.env_file = ".env.production";
  const auto results = run_named(config);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "no env file is tracked by git; .env.production is ignored");
}

TEST(EnvFilesUntrackedTest, OnlyLooksUnderTheProjectRoot) {
  TempDir dir;
  dir.write("other-service/.env", "A=1\n");
  dir.write("backend/app.py", "print()\n");
  git_commit_all(dir.path());
  EXPECT_EQ(statuses(run_check(EnvFilesUntracked(), config_for(dir.path() / "backend"))), "pass");

  dir.write("backend/.env", "A=1\n");
  git_commit_all(dir.path(), "oops");
  const auto results = run_check(EnvFilesUntracked(), config_for(dir.path() / "backend"));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->file, ".env");
}

TEST(EnvFilesUntrackedTest, ClassifiesEnvFileNames) {
  for (const char* name : {".env", ".env.production", ".ENV.local", "prod.env", "a.b.env"}) {
    EXPECT_TRUE(EnvFilesUntracked::is_env_file_name(name)) << name;
  }
  for (const char* name :
       {".env.example", ".env.sample", "prod.env.template", ".env.dist", ".envrc", "env.py",
        ".env.production.example", "environment.yml", ".env.EXAMPLE"}) {
    EXPECT_FALSE(EnvFilesUntracked::is_env_file_name(name)) << name;
  }
}

}  // namespace
}  // namespace shipcheck::checks
