// DRL001: the seeds' "Backup restoration tested" and "Recovery time objective (RTO)
// defined". The drill takes a pg_dump of the source inside a read-only REPEATABLE READ
// transaction whose snapshot it exports to pg_dump, so that the row counts it compares are
// exactly what the dump holds even while the application writes; restores the dump into a
// scratch database with pg_restore; compares every table's row count and the schema; drops
// the scratch database; and reports the dump and restore times.
#include "checks/drills/backup_restore.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "config/config.h"

namespace shipcheck::checks {
namespace {

using postgres::TableCount;

// The tables whose counts differ, missing or extra: "tasks: 3 in the source, 2 restored".
std::vector<std::string> count_differences(const std::vector<TableCount>& source,
                                           const std::vector<TableCount>& restored) {
  std::vector<std::string> out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < source.size() || j < restored.size()) {
    if (j == restored.size() || (i < source.size() && source[i].table < restored[j].table)) {
      out.push_back(fmt::format("{}: missing from the restore", source[i++].table));
    } else if (i == source.size() || restored[j].table < source[i].table) {
      out.push_back(fmt::format("{}: only in the restore", restored[j++].table));
    } else {
      if (source[i].rows != restored[j].rows) {
        out.push_back(fmt::format("{}: {} rows in the source, {} restored", source[i].table,
                                  source[i].rows, restored[j].rows));
      }
      ++i;
      ++j;
    }
  }
  return out;
}

// What the source looked like in the dump's snapshot.
struct SourceState {
  std::vector<TableCount> counts;
  std::vector<std::string> outline;
  drill::Timed dump;
};

}  // namespace

BackupRestoreDrill::BackupRestoreDrill() : BackupRestoreDrill(AfterRestore{}) {}

BackupRestoreDrill::BackupRestoreDrill(AfterRestore after_restore)
    : DrillRule(RuleInfo{"DRL001", "drills", "A fresh backup restores completely", Severity::high,
                         "make pg_dump/pg_restore work for this database (a missing extension "
                         "or role on the target, objects the app role cannot read), and keep "
                         "the restore time within the recovery time objective"}),
      m_after_restore(std::move(after_restore)) {}

std::optional<std::string> BackupRestoreDrill::not_applicable(const Context& ctx) const {
  if (!ctx.config.drills.backup_restore) {
    return "the backup-restore drill is turned off (drills.backup_restore: false)";
  }
  return std::nullopt;
}

std::vector<Result> BackupRestoreDrill::drill(const Context& ctx, const drill::Setup& setup) const {
  drill::TempDir dir;
  if (!dir.ok()) {
    return {error("cannot create a private temporary directory for the dump")};
  }
  const auto file = dir.path() / "backup.dump";
  auto source = postgres::Session::connect(setup.source.url, setup.session_options(true));
  if (!source) {
    return {error(fmt::format("cannot connect to {} ({}): {}", setup.source.info.display,
                              postgres::to_string(source.error().kind), source.error().message))};
  }
  SourceState state;
  {
    const auto snapshot = source->query(
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot()");
    if (!snapshot) {
      return {error(pg::query_failed("a snapshot to dump", snapshot.error()))};
    }
    auto dumped = drill::dump(setup, file, snapshot->text(0, 0));
    if (!dumped) {
      return {fail("the backup failed: " + dumped.error())};
    }
    state.dump = *dumped;
    auto counts = postgres::row_counts(*source);
    auto outline = postgres::schema_outline(*source);
    if (!counts || !outline) {
      return {error(
          pg::query_failed("the source's tables", counts ? outline.error() : counts.error()))};
    }
    state.counts = std::move(*counts);
    state.outline = std::move(*outline);
    (void)source->query("COMMIT");
  }
  auto scratch = drill::ScratchDatabase::create(setup);
  if (!scratch) {
    return {error(scratch.error())};
  }
  auto restored = drill::restore(setup, file, *scratch);
  if (!restored) {
    return {fail("the backup does not restore: " + restored.error())};
  }
  if (m_after_restore) {
    m_after_restore(scratch->url());
  }
  auto copy = scratch->connect();
  if (!copy) {
    return {error(copy.error())};
  }
  auto copy_counts = postgres::row_counts(*copy);
  auto copy_outline = postgres::schema_outline(*copy);
  if (!copy_counts || !copy_outline) {
    return {error(pg::query_failed("the restored tables",
                                   copy_counts ? copy_outline.error() : copy_counts.error()))};
  }
  const auto counts_differ = count_differences(state.counts, *copy_counts);
  const auto schema_differs = postgres::outline_difference(state.outline, *copy_outline);
  const std::string times =
      fmt::format("dump {} ({} KiB), restore {}", pg::human(state.dump.duration),
                  (state.dump.bytes + 1023) / 1024, pg::human(restored->duration));
  std::string evidence = fmt::format("{}; rows: {}", times, drill::count_listing(state.counts));
  if (!counts_differ.empty() || !schema_differs.empty()) {
    std::vector<std::string> lines = counts_differ;
    lines.insert(lines.end(), schema_differs.begin(), schema_differs.end());
    return {
        fail(fmt::format("the restored copy differs from the source: {}", pg::listing(lines, 3)),
             fmt::format("{}\n{}", evidence, fmt::join(lines, "\n")))};
  }
  const auto bound = ctx.config.drills.max_restore_time;
  if (!bound.empty()) {
    const auto rto = pg::duration_or(bound, std::chrono::minutes(10));
    if (restored->duration > rto) {
      return {fail(fmt::format("the restore took {}, longer than the recovery time objective {}",
                               pg::human(restored->duration), pg::human(rto)),
                   evidence)};
    }
  }
  return {pass(fmt::format("a fresh backup restored completely into a scratch database ({}; "
                           "restore {})",
                           drill::count_summary(state.counts), pg::human(restored->duration)),
               evidence)};
}

}  // namespace shipcheck::checks
