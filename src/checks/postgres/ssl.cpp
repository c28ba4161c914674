// PG002: encryption as the server sees it (pg_stat_ssl for this backend, not the client's
// belief) and as the URL demands it: sslmode=require or verify-ca/verify-full, since libpq's
// default, prefer, silently falls back to plain text when the server (or a man in the middle)
// declines TLS.
#include "checks/postgres/ssl.h"

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {
namespace {

bool demands_tls(std::string_view sslmode) {
  return sslmode == "require" || sslmode == "verify-ca" || sslmode == "verify-full";
}

}  // namespace

PgSslInUse::PgSslInUse()
    : PgRule(RuleInfo{"PG002", "postgres",
                      "The PostgreSQL session is encrypted and the URL demands it", Severity::high,
                      "turn on ssl in postgresql.conf and add sslmode=verify-full (or at least "
                      "sslmode=require) to the database URL"}) {}

std::vector<Result> PgSslInUse::check(const Context& /*ctx*/, const PostgresConfig& /*config*/,
                                      const pg::Db& db) const {
  const auto rows = db.query(
      "SELECT ssl, coalesce(version, ''), coalesce(cipher, '') FROM pg_stat_ssl "
      "WHERE pid = pg_backend_pid()");
  if (!rows) {
    return {error(pg::query_failed("pg_stat_ssl", rows.error()))};
  }
  if (rows->empty()) {
    return {error("pg_stat_ssl has no row for this session")};
  }
  const bool encrypted = rows->text(0, 0) == "t";
  const std::string& sslmode = db.target().info.sslmode;
  const std::string mode = sslmode.empty() ? "not set (libpq's default: prefer)" : sslmode;
  const std::string evidence =
      fmt::format("pg_stat_ssl: ssl={}{}; sslmode {} in {}", encrypted ? "true" : "false",
                  encrypted ? fmt::format(", {} {}", rows->text(0, 1), rows->text(0, 2)) : "", mode,
                  db.target().source);
  if (!encrypted) {
    return {
        fail("the session to PostgreSQL is not encrypted (pg_stat_ssl.ssl is false)", evidence)};
  }
  if (!demands_tls(sslmode)) {
    return {fail(fmt::format("the session is encrypted, but the URL's sslmode is {}: a server "
                             "or proxy that declines TLS gets plain text",
                             mode),
                 evidence)};
  }
  return {pass(fmt::format("the session is encrypted ({}) and the URL demands it (sslmode={})",
                           rows->text(0, 1), sslmode),
               evidence)};
}

}  // namespace shipcheck::checks
