// PG006: the seeds' "PostgreSQL streaming replication (1 primary + 2 replicas)" and
// "SELECT * FROM pg_stat_replication": on the primary, at least `replicas` standbys are in
// state streaming with a replay lag within max_replica_lag (an idle, caught-up standby
// reports no lag: NULL counts as none).
#include "checks/postgres/replicas.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "config/config.h"

namespace shipcheck::checks {

PgReplicasStreaming::PgReplicasStreaming()
    : PgRule(RuleInfo{"PG006", "postgres", "The configured PostgreSQL replicas are streaming",
                      Severity::high,
                      "start or repair the missing standbys (primary_conninfo, replication slots, "
                      "pg_hba.conf replication entries) and find what slows replay"}) {}

std::optional<std::string> PgReplicasStreaming::not_applicable(const PostgresConfig& config) const {
  if (!config.replicas) {
    return "no replica count configured (dependencies.postgres.replicas)";
  }
  return std::nullopt;
}

std::vector<Result> PgReplicasStreaming::check(const Context& /*ctx*/, const PostgresConfig& config,
                                               const pg::Db& db) const {
  const auto standby = db.query("SELECT pg_is_in_recovery()");
  if (!standby) {
    return {error(pg::query_failed("pg_is_in_recovery()", standby.error()))};
  }
  if (standby->text(0, 0) == "t") {
    return {skip("connected to a standby: replicas are counted on the primary")};
  }
  const auto rows = db.query(
      "SELECT coalesce(application_name, ''), coalesce(host(client_addr), 'local'), state, "
      "coalesce(round(extract(epoch FROM replay_lag) * 1000), 0)::bigint "
      "FROM pg_stat_replication ORDER BY 1, 2");
  if (!rows) {
    return {error(pg::query_failed("pg_stat_replication", rows.error()))};
  }
  const auto max_lag = pg::duration_or(config.max_replica_lag, std::chrono::seconds(10));
  int healthy = 0;
  int lagging = 0;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    if (rows->is_null(i, 2)) {
      return {error("the role cannot see pg_stat_replication's details (grant it pg_monitor)")};
    }
    const std::chrono::milliseconds lag(std::stoll(rows->text(i, 3)));
    const bool streaming = rows->text(i, 2) == "streaming";
    healthy += streaming && lag <= max_lag ? 1 : 0;
    lagging += streaming && lag > max_lag ? 1 : 0;
    seen.push_back(fmt::format("{} ({}): {}, replay lag {}", rows->text(i, 0), rows->text(i, 1),
                               rows->text(i, 2), pg::human(lag)));
  }
  const std::string evidence = seen.empty()
                                   ? "pg_stat_replication is empty"
                                   : fmt::format("pg_stat_replication: {}", fmt::join(seen, "; "));
  const int wanted = *config.replicas;
  if (healthy < wanted) {
    return {fail(fmt::format("{} replica{} streaming within {} of lag, {} required{}", healthy,
                             healthy == 1 ? "" : "s", pg::human(max_lag), wanted,
                             lagging > 0 ? fmt::format(" ({} more lagging behind)", lagging) : ""),
                 evidence)};
  }
  return {pass(fmt::format("{} replica{} streaming within {} of lag ({} required)", healthy,
                           healthy == 1 ? "" : "s", pg::human(max_lag), wanted),
               evidence)};
}

}  // namespace shipcheck::checks
