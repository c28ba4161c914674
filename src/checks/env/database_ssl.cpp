// ENV009: database URLs require SSL, and production does not run on SQLite.
#include "checks/env/database_ssl.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/env/env_util.h"
#include "core/redact.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

struct DbUrl {
  std::string scheme;  // lower case: "postgresql+asyncpg"
  std::string shown;   // scheme://user@host/db: no password, no query
  std::string host;
  std::map<std::string, std::string> query;  // keys and values lower case
};

// Splits at the last '@' first, so that a password holding '/', '?' or '#' never leaks
// into the host or path shown.
DbUrl parse_url(std::string_view url) {
  DbUrl out;
  const std::size_t sep = url.find("://");
  out.scheme = to_lower(url.substr(0, sep == std::string_view::npos ? 0 : sep));
  const std::string_view rest = sep == std::string_view::npos ? url : url.substr(sep + 3);
  const std::size_t at = rest.rfind('@');
  const std::string_view user =
      at == std::string_view::npos ? "" : rest.substr(0, std::min(rest.find(':'), at));
  std::string_view location = at == std::string_view::npos ? rest : rest.substr(at + 1);
  location = location.substr(0, location.find('#'));
  const std::size_t q = location.find('?');
  for (const auto& pair : split(q == std::string_view::npos ? "" : location.substr(q + 1), '&')) {
    const std::size_t eq = pair.find('=');
    out.query[to_lower(pair.substr(0, eq))] =
        eq == std::string::npos ? "" : to_lower(pair.substr(eq + 1));
  }
  location = location.substr(0, q);
  out.host = std::string(location.substr(0, location.find('/')));
  out.shown = fmt::format("{}://{}{}{}", out.scheme, user, user.empty() ? "" : "@", location);
  return out;
}

bool strict_ssl(std::string_view mode) {
  return mode == "require" || mode == "verify-ca" || mode == "verify-full" || mode == "true";
}

// nullopt = SSL required; else why not.
std::optional<std::string> postgres_problem(const DbUrl& url, const dotenv::File& env) {
  const auto query_value = [&](const char* key) {
    const auto it = url.query.find(key);
    return it == url.query.end() ? std::optional<std::string>() : it->second;
  };
  const auto mode = query_value("sslmode") ? query_value("sslmode") : query_value("ssl");
  const auto socket = query_value("host");
  if ((mode && strict_ssl(*mode)) || url.host.empty() || (socket && socket->rfind('/', 0) == 0)) {
    return std::nullopt;  // SSL required, or a Unix socket where SSL does not apply
  }
  if (mode) {
    return fmt::format("has sslmode={}: SSL is not required", *mode);
  }
  const dotenv::Entry* pg = env::find_var(env, "PGSSLMODE");
  if (pg != nullptr && strict_ssl(to_lower(trim(pg->value)))) {
    return std::nullopt;
  }
  return std::string("does not require SSL (no sslmode=require)");
}

}  // namespace

DatabaseSsl::DatabaseSsl()
    : Check(RuleInfo{"ENV009", "env", "The database URL requires SSL", Severity::high,
                     "append ?sslmode=require (or verify-full; asyncpg: ?ssl=require) to the "
                     "PostgreSQL URL, and use PostgreSQL rather than SQLite in production"}) {}

std::vector<Result> DatabaseSsl::run(const Context& ctx) const {
  if (!ctx.env) {
    return {skip(env::no_env_file_reason(ctx))};
  }
  const auto& group = env::variables(env::Setting::database_url);
  std::vector<Result> out;
  std::vector<std::string> good;
  for (const dotenv::Entry* entry : env::present_vars(*ctx.env, group)) {
    const DbUrl url = parse_url(trim(entry->value));
    std::optional<std::string> problem;
    if (url.scheme.rfind("sqlite", 0) == 0) {
      problem = "points to SQLite: SQLite in production";
    } else if (url.scheme.rfind("postgres", 0) == 0) {
      problem = postgres_problem(url, *ctx.env);
    } else {
      continue;  // not a database this rule knows how to judge
    }
    const std::string shown = fmt::format("{}={}", entry->key, Redactor().scrub(url.shown));
    if (problem) {
      out.push_back(
          env::at_entry(fail(fmt::format("{} {}", entry->key, *problem), shown), ctx, entry));
    } else {
      good.push_back(shown);
    }
  }
  if (out.empty() && good.empty()) {
    return {skip(
        fmt::format("no PostgreSQL or SQLite URL ({}) in {}", env::names_of(group), ctx.env_path))};
  }
  if (out.empty()) {
    out.push_back(
        env::at_entry(pass(fmt::format("SSL is required by every database URL in {}", ctx.env_path),
                           fmt::format("{}", fmt::join(good, "; "))),
                      ctx, nullptr));
  }
  return out;
}

}  // namespace shipcheck::checks
