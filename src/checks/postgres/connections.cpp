// PG005: the seeds' "connection pool < 80 % full" / "Database connections: <80% of max":
// client backends (other than this check's own) against max_connections less the slots
// reserved for superusers, which the application can never use.
#include "checks/postgres/connections.h"

#include <cmath>

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {

PgConnectionHeadroom::PgConnectionHeadroom()
    : PgRule(RuleInfo{"PG005", "postgres",
                      "PostgreSQL connections stay below a share of max_connections",
                      Severity::medium,
                      "shrink the application's pools (or put PgBouncer in front), find idle "
                      "connections in pg_stat_activity, or raise max_connections"}) {}

std::vector<Result> PgConnectionHeadroom::check(const Context& /*ctx*/,
                                                const PostgresConfig& config,
                                                const pg::Db& db) const {
  const auto rows = db.query(
      "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
      "AND pid <> pg_backend_pid()), current_setting('max_connections')::int, "
      "current_setting('superuser_reserved_connections')::int");
  if (!rows) {
    return {error(pg::query_failed("pg_stat_activity", rows.error()))};
  }
  const long in_use = std::stol(rows->text(0, 0));
  const long max = std::stol(rows->text(0, 1));
  const long usable = std::max(1L, max - std::stol(rows->text(0, 2)));
  const double share = static_cast<double>(in_use) / static_cast<double>(usable);
  const std::string evidence = fmt::format(
      "{} client connection{} besides this check's; max_connections {}, {} reserved "
      "for superusers",
      in_use, in_use == 1 ? "" : "s", max, max - usable);
  const int percent = static_cast<int>(std::lround(share * 100));
  const int limit = static_cast<int>(std::lround(config.max_connection_share * 100));
  if (share >= config.max_connection_share) {
    return {fail(fmt::format("{} of {} usable connections in use ({}%, at or above {}%)", in_use,
                             usable, percent, limit),
                 evidence)};
  }
  return {pass(fmt::format("{} of {} usable connections in use ({}%, below {}%)", in_use, usable,
                           percent, limit),
               evidence)};
}

}  // namespace shipcheck::checks
