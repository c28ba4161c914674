#include "checks/postgres/backups.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "checks/postgres/pg_fixture.h"

namespace shipcheck::checks {
namespace {

using test::run_pg;

// A server archiving WAL with `command`, after one segment switch has been archived.
std::unique_ptr<test::Postgres> archiving_server(const std::string& command) {
  test::PostgresOptions options;
  options.settings = {"archive_mode = on", "archive_command = '" + command + "'"};
  auto server = std::make_unique<test::Postgres>(options);
  server->sql("CREATE TABLE wal_filler (x int); SELECT pg_switch_wal()", "postgres");
  for (int i = 0; i < 500 && server->sql("SELECT archived_count FROM pg_stat_archiver",
                                         "postgres") == std::vector<std::string>{"0"};
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return server;
}

TEST(PgBackupsRecentTest, FailsWhenArchivingIsOffAndNoBackupDirIsSet) {
  const test::Postgres server;
  const auto results = run_pg(PgBackupsRecent(), server.url());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("WAL archiving is off"), std::string::npos);
}

TEST(PgBackupsRecentTest, PassesWithWorkingWalArchiving) {
  const test::TempDir archive;
  std::filesystem::permissions(archive.path(), std::filesystem::perms::all);
  const auto server = archiving_server(fmt::format("cp %p {}/%f", archive.path().string()));
  const auto results = run_pg(PgBackupsRecent(), server->url());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message << results[0].evidence;
  EXPECT_NE(results[0].evidence.find("archive_mode on; pg_stat_archiver: 1 archived"),
            std::string::npos)
      << results[0].evidence;
}

TEST(PgBackupsRecentTest, FailsWhenArchivingHasNotArchivedAnything) {
  test::PostgresOptions options;
  // Nothing fills a segment here, so nothing is archived; `true` also lets the shutdown's
  // final archiving end at once (a failing command is retried for seconds).
  options.settings = {"archive_mode = on", "archive_command = 'true'"};
  const test::Postgres server(options);
  const auto results = run_pg(PgBackupsRecent(), server.url());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "WAL archiving is on, but no segment has been archived yet");
}

TEST(PgBackupsRecentTest, PassesWithARecentFileInTheBackupDir) {
  const test::Postgres server;
  const test::TempDir project;
  project.write("backups/2026-01-01/demo.sql", "-- dump\n");
  const auto results = run_pg(
      PgBackupsRecent(), server.url(), [](PostgresConfig& pg) { pg.backup_dir = "backups"; },
      project.path());
  ASSERT_EQ(test::statuses(results), "pass") << results[0].message;
  EXPECT_NE(results[0].evidence.find("newest: 2026-01-01/demo.sql"), std::string::npos);
}

TEST(PgBackupsRecentTest, FailsWhenTheNewestBackupIsTooOld) {
  const test::Postgres server;
  const test::TempDir project;
  const auto dump = project.write("backups/demo.sql", "-- dump\n");
  std::filesystem::last_write_time(
      dump, std::filesystem::file_time_type::clock::now() - std::chrono::hours(72));
  const auto results = run_pg(
      PgBackupsRecent(), server.url(), [](PostgresConfig& pg) { pg.backup_dir = "backups"; },
      project.path());
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "the newest backup in backups is older than 1d 02h");
}

}  // namespace
}  // namespace shipcheck::checks
