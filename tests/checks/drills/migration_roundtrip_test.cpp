#include "checks/drills/migration_roundtrip.h"

#include <gtest/gtest.h>

#include "checks/drills/drill_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_drill;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// A project with two alembic revisions: a1 creates `items`, b2 (the head) changes it with
// `b2_upgrade` and undoes that with `b2_downgrade` (Python statements, indented 4).
void write_alembic_project(const test::TempDir& project, const std::string& b2_upgrade,
                           const std::string& b2_downgrade) {
  project.write("alembic.ini", "[alembic]\nscript_location = alembic\n");
  project.write("alembic/env.py",
                "import os\n"
                "from alembic import context\n"
                "from sqlalchemy import create_engine, pool\n"
                "engine = create_engine(os.environ['SHIPCHECK_TEST_DATABASE_URL'],"
                " poolclass=pool.NullPool)\n"
                "with engine.connect() as connection:\n"
                "    context.configure(connection=connection)\n"
                "    with context.begin_transaction():\n"
                "        context.run_migrations()\n");
  project.write("alembic/versions/a1_items.py",
                "from alembic import op\n"
                "revision = 'a1'\ndown_revision = None\n"
                "def upgrade():\n    op.create_table('items')\n"
                "def downgrade():\n    op.drop_table('items')\n");
  project.write("alembic/versions/b2_change.py",
                "from alembic import op\n"
                "revision = 'b2'\ndown_revision = 'a1'\n"
                "def upgrade():\n" +
                    b2_upgrade + "def downgrade():\n" + b2_downgrade);
}

// The source at head b2, as the migrations would have left it (b2 adds `priority` and an
// index on it).
void migrate_source(const test::Postgres& server) {
  test::as_app(server,
               "CREATE TABLE items (id serial PRIMARY KEY, name text,"
               " priority int NOT NULL DEFAULT 0);"
               "CREATE INDEX items_priority_idx ON items (priority);"
               "INSERT INTO items (name) VALUES ('a'), ('b');"
               "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
               "INSERT INTO alembic_version VALUES ('b2')");
}

// Debian's python3-alembic (scripts/bootstrap installs it), whatever python3 PATH finds.
void debian_alembic(Config& config) {
  config.drills.migrate_command = {"/usr/bin/python3", "-m", "alembic"};
}

const std::string k_good_upgrade =
    "    op.execute('ALTER TABLE items ADD COLUMN priority int NOT NULL DEFAULT 0')\n"
    "    op.execute('CREATE INDEX items_priority_idx ON items (priority)')\n";
const std::string k_good_downgrade =
    "    op.execute('DROP INDEX items_priority_idx')\n"
    "    op.execute('ALTER TABLE items DROP COLUMN priority')\n";

TEST(MigrationRoundTripDrillTest, PassesWithADowngradeThatUndoesTheUpgrade) {
  const auto server = test::drill_server();
  migrate_source(*server);
  const test::TempDir project;
  write_alembic_project(project, k_good_upgrade, k_good_downgrade);
  const auto results =
      run_drill(MigrationRoundTripDrill(), server->url(), debian_alembic, project.path());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message << results[0].evidence;
  EXPECT_TRUE(contains(results[0].evidence, "revisions b2 -> a1 -> b2")) << results[0].evidence;
  EXPECT_TRUE(test::leftover_scratch_databases(*server).empty());
  // The source was not migrated: its column and revision are still there.
  EXPECT_EQ(server->sql("SELECT version_num FROM alembic_version"), std::vector<std::string>{"b2"});
  EXPECT_FALSE(contains(results[0].message + results[0].evidence, server->password()));
}

TEST(MigrationRoundTripDrillTest, FailsWhenTheDowngradeLeavesSomethingBehind) {
  const auto server = test::drill_server();
  migrate_source(*server);
  const test::TempDir project;
  // The downgrade drops the index but forgets the column; the upgrade adds it back only
  // when missing, so both run, and the index comes back without the column's default.
  write_alembic_project(project,
                        "    op.execute('ALTER TABLE items ADD COLUMN IF NOT EXISTS priority int "
                        "NOT NULL DEFAULT 0')\n"
                        "    op.execute('CREATE INDEX items_priority_idx ON items (priority)')\n",
                        "    op.execute('DROP INDEX items_priority_idx')\n"
                        "    op.execute('ALTER TABLE items ALTER COLUMN priority DROP DEFAULT')\n");
  const auto results =
      run_drill(MigrationRoundTripDrill(), server->url(), debian_alembic, project.path());
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_TRUE(
      contains(results[0].evidence, "- column public.items.priority integer NOT NULL DEFAULT 0"))
      << results[0].evidence;
  EXPECT_TRUE(contains(results[0].evidence, "+ column public.items.priority integer NOT NULL\n") ||
              results[0].evidence.ends_with("+ column public.items.priority integer NOT NULL"))
      << results[0].evidence;
  EXPECT_TRUE(test::leftover_scratch_databases(*server).empty());
}

TEST(MigrationRoundTripDrillTest, FailsWhenTheDowngradeRaises) {
  const auto server = test::drill_server();
  migrate_source(*server);
  const test::TempDir project;
  write_alembic_project(project, k_good_upgrade,
                        "    raise NotImplementedError('no way back from b2')\n");
  const auto results =
      run_drill(MigrationRoundTripDrill(), server->url(), debian_alembic, project.path());
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_TRUE(contains(
      results[0].message,
      "/usr/bin/python3 -m alembic downgrade -1` failed on the scratch copy (exit status 1)"))
      << results[0].message;
  EXPECT_TRUE(contains(results[0].message, "NotImplementedError: no way back from b2"))
      << results[0].message;
  EXPECT_TRUE(test::leftover_scratch_databases(*server).empty());
}

TEST(MigrationRoundTripDrillTest, SkipsWithoutAlembicMigrations) {
  const auto server = test::drill_server();
  const auto results = run_drill(MigrationRoundTripDrill(), server->url());
  ASSERT_EQ(test::statuses(results), "skip");
  EXPECT_EQ(results[0].message, "the project has no alembic migrations");
}

}  // namespace
}  // namespace shipcheck::checks
