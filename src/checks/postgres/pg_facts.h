// What the PG checks share: the database URL (from the variable dependencies.postgres.url_env
// names: the environment first, else the env file), and one read-only session per run
// (through the memo) that the checks take turns on.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/check.h"
#include "engines/postgres/session.h"

namespace shipcheck {
struct Context;
struct PostgresConfig;
}  // namespace shipcheck

namespace shipcheck::checks::pg {

struct Target {
  std::string url;     // never shown: it holds the password
  std::string source;  // "DATABASE_URL from the environment" / "DATABASE_URL in .env.production"
  postgres::UrlInfo info;
};

// The URL in the variable `url_env` (the environment first, as for the app itself; else the
// env file, so that `shipcheck run` checks what the deploy will use). nullopt with `skip` set
// when there is none, with `error` set when libpq cannot read it.
std::optional<Target> find_target(const Context& ctx, const std::string& url_env, std::string& skip,
                                  std::string& error);

struct SharedSession;

// A PG check's handle on the run's session. Queries are serialized; each ends within the
// configured timeout.
class Db {
 public:
  Db(const SharedSession& shared, const Target& target) : m_shared(shared), m_target(target) {}
  tl::expected<postgres::Rows, postgres::Error> query(
      std::string_view sql, const std::vector<std::string>& params = {}) const;
  const postgres::Session& session() const;
  const Target& target() const { return m_target; }

 private:
  const SharedSession& m_shared;
  const Target& m_target;
};

// "cannot read pg_stat_ssl: permission denied (error)": a failed query, for an error result.
std::string query_failed(std::string_view what, const postgres::Error& error);

// Whether relation `name` (resolved like the application would) exists; the error text when
// the catalog cannot be read.
tl::expected<bool, std::string> table_exists(const Db& db, const std::string& name);

// "a, b, c, d, e and 3 more": names for a message (the evidence may carry them all).
std::string listing(const std::vector<std::string>& names, std::size_t shown = 5);

// A PostgreSQL text[] literal of `items` ({"a","b"}), for a $n::text[] parameter.
std::string text_array(const std::vector<std::string>& items);

// The configured duration, or `fallback` when it does not parse (the loader rejects that).
std::chrono::milliseconds duration_or(std::string_view text, std::chrono::milliseconds fallback);

// "1h 02m", "3m 20s", "45s", "800ms": a duration for messages.
std::string human(std::chrono::milliseconds duration);

// A check on the configured database: skipped without dependencies.postgres or without a
// URL in its variable, `error` (with the cause: refused, timeout, auth failed, TLS failed)
// when no session could be opened, except for the rule that judges the connection itself
// (PG001), which fails then; `check` runs on an open session. Every result names the
// database as `postgres://host:port/db`.
class PgRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;

 protected:
  // Why this rule does not apply although a database is configured (PG006 without
  // `replicas:`), checked before connecting; nullopt = it applies.
  virtual std::optional<std::string> not_applicable(const PostgresConfig& /*config*/) const {
    return std::nullopt;
  }
  // True for the one rule whose verdict is the connection: a database that cannot be
  // reached fails it (and blocks the verdict) instead of leaving it inconclusive.
  virtual bool judges_connection() const { return false; }
  virtual std::vector<Result> check(const Context& ctx, const PostgresConfig& config,
                                    const Db& db) const = 0;
};

}  // namespace shipcheck::checks::pg
