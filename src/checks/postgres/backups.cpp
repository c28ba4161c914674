// PG010: the seeds' "Point-in-time recovery enabled" and "Daily automated backups": either
// the newest file under dependencies.postgres.backup_dir is younger than backup_max_age, or
// (without a backup_dir) WAL archiving is on, its last success is that recent, and it has not
// failed since.
#include "checks/postgres/backups.h"

#include <filesystem>

#include <fmt/format.h>

#include "checks/context.h"
#include "config/config.h"

namespace shipcheck::checks {
namespace {

namespace fs = std::filesystem;

struct Newest {
  fs::path file;
  fs::file_time_type when{};
};

// The most recently modified regular file under `dir` (bounded walk), if any.
std::optional<Newest> newest_file(const fs::path& dir) {
  std::optional<Newest> newest;
  std::error_code ec;
  int budget = 100000;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end && --budget > 0;
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) {
      continue;
    }
    const auto when = it->last_write_time(ec);
    if (!ec && (!newest || when > newest->when)) {
      newest = Newest{it->path(), when};
    }
  }
  return newest;
}

}  // namespace

PgBackupsRecent::PgBackupsRecent()
    : PgRule(RuleInfo{"PG010", "postgres", "PostgreSQL backups or WAL archiving are recent",
                      Severity::medium,
                      "schedule backups (pg_dump, pgBackRest, your provider's snapshots) into "
                      "backup_dir, or turn on WAL archiving (archive_mode, archive_command) and "
                      "repair it when pg_stat_archiver reports failures"}) {}

std::vector<Result> PgBackupsRecent::check(const Context& ctx, const PostgresConfig& config,
                                           const pg::Db& db) const {
  const auto bound = pg::duration_or(config.backup_max_age, std::chrono::hours(26));
  if (!config.backup_dir.empty()) {
    return {check_dir(ctx.root / config.backup_dir, config.backup_dir, bound)};
  }
  const auto rows = db.query(
      "SELECT current_setting('archive_mode'), archived_count, coalesce(last_archived_wal, ''), "
      "round(extract(epoch FROM now() - last_archived_time) * 1000)::bigint, failed_count, "
      "coalesce(last_failed_time > last_archived_time OR (last_failed_time IS NOT NULL AND "
      "last_archived_time IS NULL), false) FROM pg_stat_archiver");
  if (!rows) {
    return {error(pg::query_failed("pg_stat_archiver", rows.error()))};
  }
  const std::string evidence =
      fmt::format("archive_mode {}; pg_stat_archiver: {} archived (last {}), {} failed",
                  rows->text(0, 0), rows->text(0, 1), rows->text(0, 2), rows->text(0, 4));
  if (rows->text(0, 0) == "off") {
    return {
        fail("WAL archiving is off and no backup_dir is configured: there is no "
             "point-in-time recovery to restore from",
             evidence)};
  }
  if (rows->text(0, 5) == "t") {
    return {fail("WAL archiving fails: the last attempt to archive a segment failed", evidence)};
  }
  if (rows->is_null(0, 3)) {
    return {fail("WAL archiving is on, but no segment has been archived yet", evidence)};
  }
  const std::chrono::milliseconds age(std::stoll(rows->text(0, 3)));
  if (age > bound) {
    return {fail(fmt::format("the last WAL segment was archived {} ago, longer than {}",
                             pg::human(age), pg::human(bound)),
                 evidence)};
  }
  return {pass(
      fmt::format("WAL archiving works; the last segment was archived within {}", pg::human(bound)),
      evidence)};
}

Result PgBackupsRecent::check_dir(const fs::path& dir, const std::string& shown,
                                  std::chrono::milliseconds bound) const {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return fail(fmt::format("the backup directory {} does not exist", shown));
  }
  const auto newest = newest_file(dir);
  if (!newest) {
    return fail(fmt::format("the backup directory {} holds no backup", shown));
  }
  const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(
      fs::file_time_type::clock::now() - newest->when);
  const std::string evidence =
      fmt::format("newest: {} ({} old)", newest->file.lexically_relative(dir).string(),
                  pg::human(std::max(age, std::chrono::milliseconds(0))));
  if (age > bound) {
    return fail(fmt::format("the newest backup in {} is older than {}", shown, pg::human(bound)),
                evidence);
  }
  return pass(fmt::format("the newest backup in {} is younger than {}", shown, pg::human(bound)),
              evidence);
}

}  // namespace shipcheck::checks
