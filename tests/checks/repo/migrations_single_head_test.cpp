// GIT005 migrations_single_head: alembic history has one head and no unknown parents.
#include "checks/repo/migrations_single_head.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::git_commit_all;
using test::run_check;
using test::statuses;
using test::TempDir;

std::string migration(const std::string& id, const std::string& down) {
  return "\"\"\"migration " + id + "\"\"\"\nfrom alembic import op\n\nrevision = '" + id +
         "'\ndown_revision = " + down + "\n\n\ndef upgrade():\n    pass\n";
}

// A FastAPI-style layout: alembic.ini at the root, scripts in alembic/versions.
void write_project(const TempDir& dir) {
  dir.write("alembic.ini", "[alembic]\nscript_location = alembic\n\n[loggers]\nkeys = root\n");
  dir.write("alembic/env.py", "# env\n");
  dir.write("alembic/versions/__init__.py", "");
  dir.write("alembic/versions/001_init.py", migration("a001", "None"));
  dir.write("alembic/versions/002_tasks.py", migration("b002", "'a001'"));
}

std::vector<Result> commit_and_check_migrations(const TempDir& dir) {
  git_commit_all(dir.path());
  return run_check(MigrationsSingleHead(), config_for(dir.path()));
}

TEST(MigrationsSingleHeadTest, SkipsWithoutAlembic) {
  TempDir dir;
  dir.write("app.py", "print()\n");
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_NE(results[0].message.find("alembic is not used"), std::string::npos);
}

TEST(MigrationsSingleHeadTest, SkipsOutsideAGitRepository) {
  TempDir dir;
  write_project(dir);
  EXPECT_EQ(statuses(run_check(MigrationsSingleHead(), config_for(dir.path()))), "skip");
}

TEST(MigrationsSingleHeadTest, PassesWithLinearHistory) {
  TempDir dir;
  write_project(dir);
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "alembic/versions: 2 revisions, single head b002");
}

TEST(MigrationsSingleHeadTest, FailsWhenThereAreTwoHeads) {
  TempDir dir;
  write_project(dir);
  dir.write("alembic/versions/003_users.py", migration("c003", "'a001'"));
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "alembic/versions has 2 heads: b002, c003");
  EXPECT_EQ(results[0].evidence,
            "b002 (alembic/versions/002_tasks.py)\nc003 (alembic/versions/003_users.py)");
  EXPECT_EQ(results[0].severity, Severity::high);
}

TEST(MigrationsSingleHeadTest, PassesWithAMergeRevision) {
  TempDir dir;
  write_project(dir);
  dir.write("alembic/versions/003_users.py", migration("c003", "'a001'"));
  dir.write("alembic/versions/004_merge.py", migration("d004", "('b002', 'c003')"));
  EXPECT_EQ(statuses(commit_and_check_migrations(dir)), "pass");
}

TEST(MigrationsSingleHeadTest, FailsWhenADownRevisionIsUnknown) {
  TempDir dir;
  write_project(dir);
  dir.write("alembic/versions/002_tasks.py", migration("b002", "'zzz999'"));
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message,
            "revision b002 names down_revision zzz999, which no migration defines");
  EXPECT_EQ(results[0].location->file, "alembic/versions/002_tasks.py");
  EXPECT_EQ(results[0].location->line, 5);
  EXPECT_EQ(results[1].message, "alembic/versions has 2 heads: a001, b002");
}

TEST(MigrationsSingleHeadTest, FailsWhenThereAreNoMigrations) {
  TempDir dir;
  dir.write("alembic/env.py", "# env\n");
  dir.write("alembic/versions/.keep", "");
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "alembic/versions holds no migration scripts");
}

TEST(MigrationsSingleHeadTest, ErrorsOnAnUnreadableScript) {
  TempDir dir;
  write_project(dir);
  dir.write("alembic/versions/003_bad.py", "revision = 'c003'\ndown_revision = PREVIOUS\n");
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "error");
  EXPECT_EQ(results[0].location->file, "alembic/versions/003_bad.py");
  EXPECT_EQ(results[0].location->line, 2);
  EXPECT_EQ(results[0].location->column, 17);
}

TEST(MigrationsSingleHeadTest, FailsWhenABackendScriptLocationHasTwoHeads) {
  TempDir dir;
  dir.write("backend/alembic.ini", "[alembic]\nscript_location = %(here)s/db/migrations\n");
  dir.write("backend/db/migrations/versions/a.py", migration("a", "None"));
  dir.write("backend/db/migrations/versions/b.py", migration("b", "'a'"));
  dir.write("backend/db/migrations/versions/c.py", migration("c", "'a'"));
  const auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "backend/db/migrations/versions has 2 heads: b, c");
}

TEST(MigrationsSingleHeadTest, PassesWithFlaskMigrateAndVersionLocations) {
  TempDir dir;
  dir.write("migrations/alembic.ini", "[alembic]\n# template used to generate files\n");
  dir.write("migrations/env.py", "# env\n");
  dir.write("migrations/versions/a.py", migration("a", "None"));
  auto results = commit_and_check_migrations(dir);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "migrations/versions: 1 revision, single head a");

  TempDir other;
  other.write("alembic.ini",
              "[alembic]\nscript_location = db\nversion_locations = %(here)s/db/core db/extra\n");
  other.write("db/core/a.py", migration("a", "None"));
  other.write("db/extra/b.py", migration("b", "'a'"));
  results = commit_and_check_migrations(other);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "db/core, db/extra: 2 revisions, single head b");
}

}  // namespace
}  // namespace shipcheck::checks
