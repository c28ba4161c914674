// PG009: the application's sessions start with a statement_timeout (set for its role or
// database: ALTER ROLE ... SET statement_timeout). pg_settings.reset_val is that starting
// value, unaffected by the SET this check's own read-only session makes.
#include "checks/postgres/statement_timeout.h"

#include <fmt/format.h>

namespace shipcheck::checks {

PgStatementTimeout::PgStatementTimeout()
    : PgRule(RuleInfo{"PG009", "postgres", "The application role has a statement_timeout",
                      Severity::medium,
                      "ALTER ROLE <app role> SET statement_timeout = '30s' (or per database: "
                      "ALTER DATABASE ... SET statement_timeout)"}) {}

std::vector<Result> PgStatementTimeout::check(const Context& /*ctx*/,
                                              const PostgresConfig& /*config*/,
                                              const pg::Db& db) const {
  const auto rows = db.query(
      "SELECT reset_val::bigint, current_user, current_database() FROM pg_settings "
      "WHERE name = 'statement_timeout'");
  if (!rows) {
    return {error(pg::query_failed("pg_settings", rows.error()))};
  }
  if (rows->empty()) {
    return {error("pg_settings has no statement_timeout")};
  }
  const long long ms = std::stoll(rows->text(0, 0));
  const std::string who = fmt::format("role {} in database {}", rows->text(0, 1), rows->text(0, 2));
  if (ms == 0) {
    return {
        fail(fmt::format("statement_timeout is 0 (off) for {}: a runaway query keeps its "
                         "connection and locks until it ends",
                         who))};
  }
  return {pass(fmt::format("statement_timeout is {} for {}",
                           pg::human(std::chrono::milliseconds(ms)), who))};
}

}  // namespace shipcheck::checks
