// PG001: the seeds' `psql $DATABASE_URL -c "SELECT 1"`: a read-only session opens within the
// timeout (the shared session: when it cannot open, PG001 fails with the cause and the other
// PG rules are `error`), a query answers, and the server's major version is at least the
// configured minimum.
#include "checks/postgres/reachable.h"

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {

PgReachable::PgReachable()
    : PgRule(RuleInfo{"PG001", "postgres", "PostgreSQL is reachable and its version supported",
                      Severity::critical,
                      "check the URL, that the server runs and accepts connections from here, and "
                      "upgrade a server older than the supported minimum"}) {}

std::vector<Result> PgReachable::check(const Context& /*ctx*/, const PostgresConfig& config,
                                       const pg::Db& db) const {
  const auto rows = db.query("SELECT 1");
  if (!rows) {
    return {error(pg::query_failed("SELECT 1", rows.error()))};
  }
  const postgres::Session& session = db.session();
  const int major = session.server_version() / 10000;
  const std::string evidence = fmt::format(
      "{}; connected in {}; {}", db.target().source, pg::human(session.connect_time()),
      session.ssl_in_use() ? "encrypted (" + session.ssl_protocol() + ")" : "not encrypted");
  if (major < config.min_version) {
    return {fail(fmt::format("PostgreSQL {} is older than the oldest supported version {} "
                             "(dependencies.postgres.min_version)",
                             session.server_version_text(), config.min_version),
                 evidence)};
  }
  return {
      pass(fmt::format("PostgreSQL {} answered SELECT 1 in time", session.server_version_text()),
           evidence)};
}

}  // namespace shipcheck::checks
