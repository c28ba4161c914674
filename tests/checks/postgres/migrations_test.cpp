#include "checks/postgres/migrations.h"

#include <gtest/gtest.h>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

// alembic.ini pointing at migrations/ (not the default alembic/): a1 <- b2 <- c3.
void write_alembic(const test::TempDir& dir) {
  dir.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n");
  const char* chain[][2] = {{"a1", "None"}, {"b2", "'a1'"}, {"c3", "'b2'"}};
  for (const auto& [rev, down] : chain) {
    dir.write(fmt::format("migrations/versions/{}_step.py", rev),
              fmt::format("revision = '{}'\ndown_revision = {}\n", rev, down));
  }
}

std::vector<Result> run_alembic_at_revision(const std::string& revision) {
  const test::Postgres server;
  const test::TempDir project;
  write_alembic(project);
  if (!revision.empty()) {
    test::as_app(server, fmt::format("CREATE TABLE alembic_version (version_num varchar(32)); "
                                     "INSERT INTO alembic_version VALUES ('{}')",
                                     revision));
  }
  return run_pg(PgMigrationsAtHead(), server.url(), {}, project.path());
}

TEST(PgMigrationsAtHeadTest, PassesWithAlembicAtHead) {
  const auto results = run_alembic_at_revision("c3");
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "the database is at head c3 (3 revisions)");
}

TEST(PgMigrationsAtHeadTest, FailsWhenAlembicIsBehindHead) {
  const auto results = run_alembic_at_revision("a1");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "the database is at a1, 2 migrations behind head c3");
  EXPECT_NE(results[0].evidence.find("head of migrations/versions: c3"), std::string::npos)
      << results[0].evidence;
}

TEST(PgMigrationsAtHeadTest, FailsWhenTheDatabaseIsAtAnUnknownRevision) {
  const auto results = run_alembic_at_revision("ffff");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("at ffff, which is not an ancestor of head c3"),
            std::string::npos)
      << results[0].message;
}

TEST(PgMigrationsAtHeadTest, FailsWhenNoMigrationEverRan) {
  const auto results = run_alembic_at_revision("");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("no alembic_version table"), std::string::npos);
}

TEST(PgMigrationsAtHeadTest, FailsWhenADjangoMigrationIsNotApplied) {
  const test::Postgres server;
  const test::TempDir project;
  project.write("manage.py", "");
  for (const char* file : {"__init__.py", "0001_initial.py", "0002_add_done.py"}) {
    project.write(std::string("todo/migrations/") + file, "");
  }
  test::as_app(server,
               "CREATE TABLE django_migrations (id serial, app text, name text); "
               "INSERT INTO django_migrations (app, name) VALUES ('todo', '0001_initial')");
  auto results = run_pg(PgMigrationsAtHead(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "1 of 2 Django migrations not applied: todo.0002_add_done");
  test::as_app(server,
               "INSERT INTO django_migrations (app, name) VALUES ('todo', '0002_add_done')");
  results = run_pg(PgMigrationsAtHead(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
}

TEST(PgMigrationsAtHeadTest, PassesWithSchemaMigrationsAtTheNewestFile) {
  const test::Postgres server;
  const test::TempDir project;
  for (const char* file : {"db/migrations/0001_init.up.sql", "db/migrations/0002_tasks.up.sql",
                           "db/migrations/0002_tasks.down.sql"}) {
    project.write(file, "");
  }
  test::as_app(server,
               "CREATE TABLE schema_migrations (version bigint, dirty boolean); "
               "INSERT INTO schema_migrations VALUES (1, false)");
  auto results = run_pg(PgMigrationsAtHead(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "1 of 2 migrations not applied: 2");
  test::as_app(server, "UPDATE schema_migrations SET version = 2, dirty = true");
  results = run_pg(PgMigrationsAtHead(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("dirty at version 2"), std::string::npos);
  test::as_app(server, "UPDATE schema_migrations SET dirty = false");
  results = run_pg(PgMigrationsAtHead(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
}

TEST(PgMigrationsAtHeadTest, SkipsWhenToldThereAreNone) {
  const test::TempDir project;
  write_alembic(project);
  const auto results = run_pg(
      PgMigrationsAtHead(), "postgresql://app:x@127.0.0.1:1/app",
      [](PostgresConfig& pg) { pg.migrations = "none"; }, project.path());
  EXPECT_EQ(test::statuses(results), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
