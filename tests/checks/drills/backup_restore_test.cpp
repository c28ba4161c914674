#include "checks/drills/backup_restore.h"

#include <gtest/gtest.h>

#include "checks/drills/drill_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_drill;

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(BackupRestoreDrillTest, PassesWithRowCountsAndTimesWhenTheBackupRestores) {
  const auto server = test::drill_server();
  const auto results = run_drill(BackupRestoreDrill(), server->url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_TRUE(has(results[0].message, "2 tables, 43 rows")) << results[0].message;
  EXPECT_TRUE(has(results[0].evidence, "public.tasks 40, public.users 3")) << results[0].evidence;
  EXPECT_TRUE(has(results[0].evidence, "dump ")) << results[0].evidence;
  EXPECT_TRUE(has(results[0].evidence, "restore ")) << results[0].evidence;
  EXPECT_EQ(results[0].target, fmt::format("postgres://127.0.0.1:{}/app", server->port()));
  EXPECT_TRUE(test::leftover_scratch_databases(*server).empty());
  EXPECT_FALSE(has(results[0].message + results[0].evidence, server->password()));
}

TEST(BackupRestoreDrillTest, FailsWhenTheRestoredCopyLosesRows) {
  const auto server = test::drill_server();
  // Damage the restore as a broken backup would: rows and an index go missing.
  const BackupRestoreDrill drill([](const std::string& scratch_url) {
    test::PgClient(scratch_url)
        .exec("DELETE FROM tasks WHERE id > 30; DROP INDEX tasks_user_id_idx");
  });
  const auto results = run_drill(drill, server->url());
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_TRUE(has(results[0].message, "public.tasks: 40 rows in the source, 30 restored"))
      << results[0].message;
  EXPECT_TRUE(has(results[0].evidence, "- index CREATE INDEX tasks_user_id_idx"))
      << results[0].evidence;
  EXPECT_TRUE(test::leftover_scratch_databases(*server).empty());
}

TEST(BackupRestoreDrillTest, CountsWhatTheDumpSawWhileTheSourceChanges) {
  const auto server = test::drill_server();
  // Rows written after the dump's snapshot are neither dumped nor counted.
  const BackupRestoreDrill drill([&server](const std::string&) {
    test::as_app(*server, "INSERT INTO users (email) VALUES ('late@example.test')");
  });
  const auto results = run_drill(drill, server->url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_TRUE(has(results[0].evidence, "public.users 3")) << results[0].evidence;
}

TEST(BackupRestoreDrillTest, FailsWhenTheRestoreTakesLongerThanTheRecoveryTimeObjective) {
  const auto server = test::drill_server();
  const auto results = run_drill(BackupRestoreDrill(), server->url(),
                                 [](Config& c) { c.drills.max_restore_time = "1ms"; });
  ASSERT_EQ(test::statuses(results), "fail") << results[0].message;
  EXPECT_TRUE(has(results[0].message, "longer than the recovery time objective"))
      << results[0].message;
}

TEST(BackupRestoreDrillTest, IsAnErrorWhenTheRoleCannotCreateTheScratchDatabase) {
  const auto server = test::drill_server();
  server->sql("ALTER ROLE app NOCREATEDB", "postgres");
  const auto results = run_drill(BackupRestoreDrill(), server->url());
  ASSERT_EQ(test::statuses(results), "error");
  EXPECT_TRUE(has(results[0].message, "cannot create a scratch database on postgres://127.0.0.1:"))
      << results[0].message;
  EXPECT_TRUE(has(results[0].message, "permission denied")) << results[0].message;
}

TEST(BackupRestoreDrillTest, FailsWhenPgDumpCannotRun) {
  const auto server = test::drill_server();
  const test::TempDir empty_bin;
  const auto results = run_drill(BackupRestoreDrill(), server->url(), [&](Config& c) {
    c.drills.pg_bindir = empty_bin.path().string();
  });
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_TRUE(has(results[0].message, "the backup failed: pg_dump failed (not started"))
      << results[0].message;
}

TEST(BackupRestoreDrillTest, SkipsUnlessDrillsAreAskedFor) {
  const auto server = test::drill_server();
  const auto results =
      run_drill(BackupRestoreDrill(), server->url(), [](Config& c) { c.drills.enabled = false; });
  ASSERT_EQ(test::statuses(results), "skip");
  EXPECT_TRUE(has(results[0].message, "--drills")) << results[0].message;
  const auto off = run_drill(BackupRestoreDrill(), server->url(),
                             [](Config& c) { c.drills.backup_restore = false; });
  EXPECT_EQ(test::statuses(off), "skip");
}

TEST(BackupRestoreDrillTest, RestoresOntoTheScratchServerWhenOneIsConfigured) {
  const auto source = test::drill_server();
  const test::Postgres scratch_server;
  scratch_server.sql("ALTER ROLE app CREATEDB", "postgres");
  source->sql("ALTER ROLE app NOCREATEDB", "postgres");
  setenv("SHIPCHECK_TEST_SCRATCH_URL", scratch_server.url().c_str(), 1);
  const auto results = run_drill(BackupRestoreDrill(), source->url(), [](Config& c) {
    c.drills.scratch_url_env = "SHIPCHECK_TEST_SCRATCH_URL";
  });
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_TRUE(test::leftover_scratch_databases(scratch_server).empty());
}

}  // namespace
}  // namespace shipcheck::checks
