// PG008: no client transaction has been open longer than max_transaction_age. A long one
// holds back vacuum for the whole cluster (dead rows pile up, tables and indexes bloat) and
// usually holds locks a migration will queue behind during the deploy.
#include "checks/postgres/long_transactions.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "config/config.h"

namespace shipcheck::checks {

PgNoLongTransactions::PgNoLongTransactions()
    : PgRule(RuleInfo{"PG008", "postgres", "No PostgreSQL transaction has been open too long",
                      Severity::medium,
                      "find the session in pg_stat_activity (pid, application_name, state), end "
                      "it with pg_terminate_backend(pid) if it is stuck, and set "
                      "idle_in_transaction_session_timeout"}) {}

std::vector<Result> PgNoLongTransactions::check(const Context& /*ctx*/,
                                                const PostgresConfig& config,
                                                const pg::Db& db) const {
  const auto bound = pg::duration_or(config.max_transaction_age, std::chrono::minutes(5));
  // Another role's sessions show xact_start only to roles with pg_read_all_stats (pg_monitor);
  // the evidence says how many sessions could not be judged.
  const auto rows = db.query(
      "SELECT pid, coalesce(usename::text, ''), coalesce(application_name, ''), "
      "coalesce(state, ''), round(extract(epoch FROM now() - xact_start) * 1000)::bigint "
      "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
      "AND xact_start < now() - make_interval(secs => $1::double precision / 1000) "
      "ORDER BY xact_start",
      {std::to_string(bound.count())});
  const auto hidden = db.query(
      "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
      "AND pid <> pg_backend_pid() AND state IS NULL");
  if (!rows || !hidden) {
    return {error(pg::query_failed("pg_stat_activity", rows ? hidden.error() : rows.error()))};
  }
  const std::string evidence =
      hidden->text(0, 0) == "0"
          ? std::string()
          : fmt::format(
                "{} sessions of other roles are not visible to this role (grant it "
                "pg_monitor)",
                hidden->text(0, 0));
  if (rows->empty()) {
    return {pass(fmt::format("no transaction has been open longer than {}", pg::human(bound)),
                 evidence)};
  }
  std::vector<std::string> sessions;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    sessions.push_back(fmt::format(
        "pid {} ({}, {}, {}): open {}", rows->text(i, 0), rows->text(i, 1), rows->text(i, 2),
        rows->text(i, 3), pg::human(std::chrono::milliseconds(std::stoll(rows->text(i, 4))))));
  }
  // The ages go to the evidence: they change every run, and the message is the fingerprint.
  return {fail(
      fmt::format("{} transaction{} open longer than {}", rows->size(),
                  rows->size() == 1 ? " has been" : "s have been", pg::human(bound)),
      fmt::format("{}{}{}", fmt::join(sessions, "\n"), evidence.empty() ? "" : "\n", evidence))};
}

}  // namespace shipcheck::checks
