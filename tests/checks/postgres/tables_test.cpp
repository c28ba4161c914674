#include "checks/postgres/tables.h"

#include <gtest/gtest.h>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

// Two alembic revisions: the first creates users and a table the second drops again.
void write_table_migrations(const test::TempDir& dir) {
  dir.write("alembic/versions/a1_init.py",
            "revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n"
            "    op.create_table(\n        \"users\", sa.Column('id', sa.Integer))\n"
            "    op.create_table('scratch', sa.Column('id', sa.Integer))\n\n"
            "def downgrade():\n    op.drop_table('users')\n");
  dir.write("alembic/versions/b2_tasks.py",
            "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n"
            "    op.create_table('tasks', sa.Column('id', sa.Integer))\n"
            "    op.drop_table('scratch')\n\n"
            "def downgrade():\n    op.drop_table('tasks')\n");
}

TEST(PgTablesExistTest, PassesWithEveryConfiguredTable) {
  const test::Postgres server;
  test::as_app(server,
               "CREATE TABLE users (id int); CREATE VIEW active_users AS SELECT * FROM users");
  const auto results = run_pg(PgTablesExist(), server.url(), [](PostgresConfig& pg) {
    pg.tables = {"users", "public.users", "active_users"};
  });
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_EQ(results[0].message, "all 3 expected tables exist");
}

TEST(PgTablesExistTest, FailsWhenAConfiguredTableIsMissing) {
  const test::Postgres server;
  test::as_app(server, "CREATE TABLE users (id int); CREATE INDEX users_id ON users (id)");
  const auto results = run_pg(PgTablesExist(), server.url(), [](PostgresConfig& pg) {
    pg.tables = {"users", "messages", "users_id", "odd\"name"};
  });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "3 of 4 expected tables are missing: messages, users_id, odd\"name");
}

TEST(PgTablesExistTest, PassesWithTheTablesTheAlembicMigrationsCreate) {
  const test::Postgres server;
  const test::TempDir project;
  write_table_migrations(project);
  test::as_app(server, "CREATE TABLE users (id int); CREATE TABLE tasks (id int)");
  const auto results = run_pg(PgTablesExist(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].evidence.find("alembic migrations in alembic/versions): users, tasks"),
            std::string::npos)
      << results[0].evidence;
}

TEST(PgTablesExistTest, FailsWhenATableTheMigrationsCreateIsMissing) {
  const test::Postgres server;
  const test::TempDir project;
  write_table_migrations(project);
  test::as_app(server, "CREATE TABLE users (id int)");
  const auto results = run_pg(PgTablesExist(), server.url(), {}, project.path());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "1 of 2 expected tables is missing: tasks");
}

TEST(PgTablesExistTest, SkipsWithoutExpectedTables) {
  const test::Postgres server;
  EXPECT_EQ(test::statuses(run_pg(PgTablesExist(), server.url())), "skip");
}

}  // namespace
}  // namespace shipcheck::checks
