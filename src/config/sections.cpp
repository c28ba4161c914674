// The service-facing sections of shipcheck.yaml: identity, URLs, TLS, endpoints, auth,
// CORS and dependencies (the other sections have files of their own).
#include "config/sections.h"

#include <limits>

#include <fmt/format.h>

#include "config/values.h"

namespace shipcheck::config {

const Shape k_url_shape{is_http_url, "an http:// or https:// URL", "e.g. https://api.example.com"};
const Shape k_url_path_shape{is_url_path, "a path starting with '/'", "e.g. /health"};
const Shape k_duration_shape{is_duration, "a duration", "e.g. 500ms, 10s, 30m, 1h30m, 7d"};

namespace {

const Shape k_resolve_shape{is_resolve_entry, "host:port:address",
                            "like curl --resolve, e.g. api.example.com:443:127.0.0.1"};

using R = Reader;
using N = YAML::Node;
using P = std::string;

const std::vector<Field<TlsConfig>> k_tls_fields{
    {"ca_file", [](R& r, const N& n, const P& p, TlsConfig& o) { r.read(o.ca_file, n, p); }},
    {"resolve",
     [](R& r, const N& n, const P& p, TlsConfig& o) { r.read(o.resolve, n, p, &k_resolve_shape); }},
};

const std::vector<Field<EndpointsConfig>> k_endpoint_fields{
    {"health", [](R& r, const N& n, const P& p,
                  EndpointsConfig& o) { r.read(o.health, n, p, k_url_path_shape); }},
    {"readiness", [](R& r, const N& n, const P& p,
                     EndpointsConfig& o) { r.read(o.readiness, n, p, k_url_path_shape); }},
    {"liveness", [](R& r, const N& n, const P& p,
                    EndpointsConfig& o) { r.read(o.liveness, n, p, k_url_path_shape); }},
    {"protected", [](R& r, const N& n, const P& p,
                     EndpointsConfig& o) { r.read(o.protected_paths, n, p, &k_url_path_shape); }},
    {"docs", [](R& r, const N& n, const P& p,
                EndpointsConfig& o) { r.read(o.docs, n, p, &k_url_path_shape); }},
    {"health_expect", [](R& r, const N& n, const P& p,
                         EndpointsConfig& o) { read_assertions(r, n, p, o.health_expect); }},
};

const std::vector<Field<AuthConfig>> k_auth_fields{
    {"token_env",
     [](R& r, const N& n, const P& p, AuthConfig& o) { r.read_name(o.token_env, n, p); }},
};

const std::vector<Field<CorsConfig>> k_cors_fields{
    {"allowed_origins",
     [](R& r, const N& n, const P& p, CorsConfig& o) { r.read(o.allowed_origins, n, p); }},
};

const std::vector<Field<RateLimitConfig>> k_rate_limit_fields{
    {"path", [](R& r, const N& n, const P& p,
                RateLimitConfig& o) { r.read(o.path, n, p, k_url_path_shape); }},
    {"requests",
     [](R& r, const N& n, const P& p, RateLimitConfig& o) { r.read(o.requests, n, p, 1, 1'000); }},
    {"within", [](R& r, const N& n, const P& p,
                  RateLimitConfig& o) { r.read(o.within, n, p, k_duration_shape); }},
};

bool is_migrations_kind(std::string_view text) {
  return text == "auto" || text == "alembic" || text == "django" || text == "schema_migrations" ||
         text == "none";
}
const Shape k_migrations_shape{is_migrations_kind,
                               "one of auto, alembic, django, schema_migrations, none",
                               "auto finds alembic, then Django, then a schema_migrations table"};

// What a message may quote of a `store:` value as written: its scheme, not what follows
// (user:password@host).
std::string store_shown(const std::string& raw) {
  if (const auto scheme_end = raw.find("://"); scheme_end != std::string::npos) {
    return shown(raw.substr(0, scheme_end)) + "://…";
  }
  return raw.find('@') == std::string::npos ? shown(raw) : std::string("…");
}

// `store:` names the PostgreSQL database of the run history. Its value usually carries a
// password, so a message shows at most the scheme of what was written; an empty value (a
// variable set to "") keeps the project's SQLite file.
void read_store(Reader& r, const YAML::Node& n, const std::string& p, Config& o) {
  std::optional<Scalar> value = r.scalar(n, p);
  if (!value) {
    return;
  }
  if (!value->value.empty() && !is_postgres_url(value->value)) {
    r.fail(value->pos,
           fmt::format("'{}' must be a postgresql:// or postgres:// URL, got '{}'", p,
                       store_shown(value->raw)),
           "e.g. store: ${SHIPCHECK_STORE_URL}; leave 'store' out for .shipcheck/history.db");
    return;
  }
  o.store = std::move(value->value);
}

using PgConfig = PostgresConfig;
const std::vector<Field<PostgresConfig>> k_postgres_fields{
    {"url_env", [](R& r, const N& n, const P& p, PgConfig& o) { r.read_name(o.url_env, n, p); }},
    {"tables", [](R& r, const N& n, const P& p, PgConfig& o) { r.read(o.tables, n, p); }},
    {"timeout",
     [](R& r, const N& n, const P& p, PgConfig& o) { r.read(o.timeout, n, p, k_duration_shape); }},
    {"min_version",
     [](R& r, const N& n, const P& p, PgConfig& o) { r.read(o.min_version, n, p, 9, 99); }},
    {"migrations", [](R& r, const N& n, const P& p,
                      PgConfig& o) { r.read(o.migrations, n, p, k_migrations_shape); }},
    {"max_connection_share", [](R& r, const N& n, const P& p,
                                PgConfig& o) { r.read(o.max_connection_share, n, p, 0.01, 1.0); }},
    {"replicas",
     [](R& r, const N& n, const P& p, PgConfig& o) {
       int replicas = -1;
       r.read(replicas, n, p, 0, 100);
       if (replicas >= 0) {
         o.replicas = replicas;
       }
     }},
    {"max_replica_lag", [](R& r, const N& n, const P& p,
                           PgConfig& o) { r.read(o.max_replica_lag, n, p, k_duration_shape); }},
    {"max_transaction_age",
     [](R& r, const N& n, const P& p, PgConfig& o) {
       r.read(o.max_transaction_age, n, p, k_duration_shape);
     }},
    {"backup_dir", [](R& r, const N& n, const P& p, PgConfig& o) { r.read(o.backup_dir, n, p); }},
    {"backup_max_age", [](R& r, const N& n, const P& p,
                          PgConfig& o) { r.read(o.backup_max_age, n, p, k_duration_shape); }},
};

// A dependency section may be left empty (`redis:`); its URL then comes from the
// conventional variable.
const std::vector<Field<DependenciesConfig>> k_dependency_fields{
    {"postgres",
     [](R& r, const N& n, const P& p, DependenciesConfig& o) {
       o.postgres.emplace();
       o.postgres->url_env = "DATABASE_URL";
       read_fields(r, n, p, k_postgres_fields, *o.postgres);
     }},
    {"redis", read_redis},
};

const std::vector<Field<Config>> k_top_fields{
    {"service", [](R& r, const N& n, const P& p, Config& o) { r.read(o.service, n, p); }},
    {"project",
     [](R& r, const N& n, const P& p, Config& o) {
       std::string project;
       r.read(project, n, p);
       o.root = project;
     }},
    {"min_score",
     [](R& r, const N& n, const P& p, Config& o) { r.read(o.min_score, n, p, 0, 100); }},
    {"env_file", [](R& r, const N& n, const P& p, Config& o) { r.read(o.env_file, n, p); }},
    {"store", read_store},
    {"url", [](R& r, const N& n, const P& p, Config& o) { r.read(o.url, n, p, k_url_shape); }},
    {"http_url",
     [](R& r, const N& n, const P& p, Config& o) { r.read(o.http_url, n, p, k_url_shape); }},
    {"tls",
     [](R& r, const N& n, const P& p, Config& o) { read_fields(r, n, p, k_tls_fields, o.tls); }},
    {"endpoints", [](R& r, const N& n, const P& p,
                     Config& o) { read_fields(r, n, p, k_endpoint_fields, o.endpoints); }},
    {"auth",
     [](R& r, const N& n, const P& p, Config& o) { read_fields(r, n, p, k_auth_fields, o.auth); }},
    {"cors",
     [](R& r, const N& n, const P& p, Config& o) { read_fields(r, n, p, k_cors_fields, o.cors); }},
    {"rate_limit", [](R& r, const N& n, const P& p,
                      Config& o) { read_fields(r, n, p, k_rate_limit_fields, o.rate_limit); }},
    {"smoke", read_smoke},
    {"dependencies", [](R& r, const N& n, const P& p,
                        Config& o) { read_fields(r, n, p, k_dependency_fields, o.dependencies); }},
    {"dns", read_dns},
    {"drills", read_drills},
    {"performance", read_performance},
    {"watch", read_watch},
    {"manual", read_manual},
    {"commands", read_commands},
    {"checklist", read_checklist},
    {"rules", read_rules},
    {"suppress", read_suppress},
    {"env", read_env},
    {"docs", read_docs},
    {"git", read_git},
    {"containers", read_containers},
};

}  // namespace

void read_sections(Reader& reader, const YAML::Node& root, Config& config) {
  read_fields(reader, root, "", k_top_fields, config);
}

}  // namespace shipcheck::config
