// Config: shipcheck.yaml as typed values (DESIGN.md "shipcheck.yaml"). Everything a check
// may consult; the loader (config/loader.h) fills it and reports bad input with a location.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/severity.h"

namespace shipcheck {

// Where a value came from in shipcheck.yaml (1-based; 0 = not from the file).
struct SourcePos {
  int line = 0;
  int column = 0;
};

struct TlsConfig {
  std::string ca_file;
  std::vector<std::string> resolve;  // "host:port:addr", like curl --resolve
};

struct EndpointsConfig {
  std::string health;
  std::string readiness;
  std::string liveness;
  std::vector<std::string> protected_paths;  // yaml key: protected
  std::vector<std::string> docs;
  // JSON assertions on the health body (engines/http/json_assert.h); when set they replace
  // HLTH001's built-in reading of "status" and false flags.
  std::vector<std::string> health_expect;
};

struct AuthConfig {
  std::string token_env;
};

struct CorsConfig {
  std::vector<std::string> allowed_origins;
};

// RATE001's burst: at most `requests` GETs of `path`, spread over `within`.
struct RateLimitConfig {
  std::string path;  // empty: the url's own path
  int requests = 120;
  std::string within = "10s";
};

// A header, in order as written ("Name", "value").
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// What one smoke request must get back (docs/rules/SMK001.md).
struct SmokeExpect {
  std::vector<int> status;        // empty: any 2xx
  std::string duration;           // the slowest acceptable answer, e.g. "500ms"
  HeaderList headers;             // name (lowercase) -> regular expression on its value
  std::vector<std::string> json;  // assertions (engines/http/json_assert.h)
  std::string body;               // regular expression the body must contain
};

// One request of the smoke flow. `{{name}}` in path, headers and body is replaced by the
// value a previous step captured.
struct SmokeStep {
  std::string name;
  std::string method = "GET";
  std::string path;
  HeaderList headers;
  bool auth = false;  // send the token of auth.token_env as a bearer token
  std::string body;   // sent as is; JSON text when json_body
  bool json_body = false;
  SmokeExpect expect;
  std::vector<std::pair<std::string, std::string>> capture;  // name -> JSON path
  SourcePos pos;
};

// PG family settings (docs/rules/PG001.md ...). Defaults follow the seed checklists.
struct PostgresConfig {
  std::string url_env;  // name of the variable holding the URL (never printed)
  std::vector<std::string> tables;
  std::string timeout = "5s";              // connecting, and each query
  int min_version = 13;                    // oldest supported server major version
  std::string migrations = "auto";         // auto|alembic|django|schema_migrations|none
  double max_connection_share = 0.8;       // of max_connections in use
  std::optional<int> replicas;             // streaming replicas a primary needs; unset = no check
  std::string max_replica_lag = "10s";     // replay lag of each counted replica
  std::string max_transaction_age = "5m";  // longest acceptable open transaction
  std::string backup_dir;                  // newest file here is the last backup; empty = WAL
  std::string backup_max_age = "26h";      // archive (or backup) older than this fails
};

// RDS006: the shape a Redis Cluster must have (CLUSTER INFO / CLUSTER NODES).
struct RedisClusterConfig {
  int primaries = 3;
  int replicas = 0;  // in total, across the primaries
};

// The RDS rules' settings (docs/rules/RDS001.md ...); defaults follow the seed checklists.
struct RedisConfig {
  std::string url_env;
  // What the instance is for, which decides the fitting maxmemory-policy (RDS004):
  // cache | queue | sessions | token_blacklist.
  std::string use = "cache";
  bool persistence = true;          // RDS003: AOF, or RDB with a recent successful save
  double max_memory_share = 0.9;    // RDS005: used_memory below this share of maxmemory
  std::string timeout = "5s";       // to connect, and for each command's reply
  std::vector<std::string> queues;  // RDS007: list keys (Celery "celery", RQ "rq:queue:default")
  int max_queue_length = 1000;
  std::optional<RedisClusterConfig> cluster;  // RDS006 runs only when set
  // RDS009 runs only when set: commands ("FLUSHALL", "CONFIG SET") that must be renamed away
  // or denied to the URL's user. `true` in the file means k_default_dangerous_commands.
  std::vector<std::string> dangerous_commands;
  // RDS010 runs only when set: dead-letter keys (a list, RQ's failed-job sorted set, a
  // stream), each checked for its type and, with max_dead_letter_length, its length.
  std::vector<std::string> dead_letter_queues;
  std::optional<int> max_dead_letter_length;
};

// `dangerous_commands: true`: the commands that wipe, reconfigure or stall a server.
inline const std::vector<std::string> k_default_dangerous_commands = {"FLUSHALL", "FLUSHDB",
                                                                      "CONFIG", "KEYS", "DEBUG"};

struct DependenciesConfig {
  std::optional<PostgresConfig> postgres;
  std::optional<RedisConfig> redis;
};

// The DNS rules' settings (docs/rules/DNS001.md, DNS002.md); they run only with names.
struct DnsConfig {
  std::vector<std::string> names;  // must resolve (A or AAAA)
  std::string resolver;            // "127.0.0.1:5353"; empty = the system's resolvers
  std::string max_ttl = "60s";     // the seeds lower TTLs to 60 s before a deploy
  std::string timeout = "5s";      // per query
};

// The DRL drills' settings (docs/rules/DRL001.md, DRL002.md). Drills write (to scratch
// databases they create and drop), so they run only when asked: a `drills:` section or
// `shipcheck run --drills` sets `enabled`.
struct DrillsConfig {
  bool enabled = false;
  bool backup_restore = true;    // DRL001: pg_dump, restore into a scratch database, compare
  bool migrations = true;        // DRL002: downgrade -1 and upgrade on a scratch copy (alembic)
  std::string timeout = "10m";   // each drill, its dump, restore and migrations included
  std::string max_restore_time;  // DRL001 fails when the restore takes longer (the RTO)
  // The variable holding the URL of the server where scratch databases are created (a role
  // with CREATEDB); empty = the server of dependencies.postgres, with its credentials.
  std::string scratch_url_env;
  // The project's own alembic, run where alembic.ini is, with the database URL variable
  // (dependencies.postgres.url_env) pointing at the scratch copy: `alembic` as pip, poetry
  // or Debian's alembic package install it; [python3, -m, alembic] for a module only.
  std::vector<std::string> migrate_command = {"alembic"};
  std::string pg_bindir;  // where pg_dump and pg_restore are; empty = PATH
};

// One request of the load test's weighted mix (performance.mix).
struct LoadRequestConfig {
  std::string method = "GET";
  std::string path;
  HeaderList headers;
  std::string body;
  int weight = 1;  // its share of the mix
  SourcePos pos;
};

// PERF001 (docs/rules/PERF001.md): the load test `shipcheck run` runs last.
struct PerformanceConfig {
  std::string path;                    // GET path, when there is no mix
  std::vector<LoadRequestConfig> mix;  // requests sent in proportion to their weights
  bool auth = false;    // every request carries auth.token_env's token as a bearer token
  double rate = 0;      // requests/s (open model)
  int connections = 0;  // closed model; with a rate, the connections that carry it
  std::string duration;
  std::vector<std::string> thresholds;
};

struct WatchConfig {
  std::string window;  // yaml key: for
  std::string interval;
  std::string prometheus;
  std::string rate_window;                 // the range of the built-in signals' rates; empty = 1m
  std::vector<std::string> rollback_when;  // each checked by watch::parse_trigger
  // Per trigger (same index): "ignore", "breach", "fail", or "" for the signal's default.
  std::vector<std::string> rollback_no_data;
  // Prometheus auth: a bearer token, or basic auth, read from these variables.
  std::string prometheus_token_env;
  std::string prometheus_username;
  std::string prometheus_password_env;
  std::string on_rollback;
  std::string success;  // "stable for 30m" (watch::parse_success); empty = none
  // Named capacities for "N% of NAME" bounds: {pool: 30}. Without `pool`, the env file's
  // pool size plus overflow; without `max_connections`, the database's own setting.
  std::map<std::string, double, std::less<>> capacities;
  // "K * baseline" bounds: the median of the signal over the first `baseline_over` of this
  // watch ("start"), or as the newest stored watch of the service measured it ("previous";
  // measured from the start when there is none). Empty = the defaults: start, 2m.
  std::string baseline_from;
  std::string baseline_over;
};

struct ManualItem {
  std::string id;
  std::string title;
  std::string source;  // "DEPLOY.md:212"
  bool required = true;
  std::string valid_for;  // "7d"; empty = forever
};

// commands: a shell command from the checklist, run by CMD001 in the project root; passes on
// exit 0. `import` writes them with enabled: false (it never runs a command nobody read).
struct CommandCheck {
  std::string id;
  std::string title;
  std::string source;  // "DEPLOY.md:17"
  std::string run;     // given to /bin/sh -c
  std::string timeout = "2m";
  bool enabled = true;
};

// checklist: the document `import` read, for the Markdown report, which shows it ticked.
// Manual items and commands name their line in `source`; `rules` says which rules each
// rule-mapped item became.
struct ChecklistRuleItem {
  int line = 0;
  std::string title;  // the item's text, which tells items on one line apart
  std::vector<std::string> rules;
};
struct ChecklistLink {
  std::string source;  // the checklist, relative to the project root; empty = none
  std::vector<ChecklistRuleItem> rules;
};

struct RulesConfig {
  std::vector<std::string> disable;          // rule ids or family codes
  std::map<std::string, Severity> severity;  // rule id -> overridden severity
};

struct SuppressEntry {
  std::string rule;         // rule id (required)
  std::string path;         // glob on the result's file, optional
  std::string fingerprint;  // one finding, optional
  std::string reason;       // required
  std::string expires;      // YYYY-MM-DD, optional
  SourcePos pos;            // where the entry sits in shipcheck.yaml
};

// ENV family settings (all optional; defaults follow the seed checklists).
struct EnvConfig {
  std::vector<std::string> required;  // variables that must be set and non-empty
  std::vector<std::string> optional;  // never demanded even if the code reads them
  std::string example_file;           // default: first of .env.example, .env.production.example
  bool scan_code = true;              // derive required variables from os.getenv etc.
  int secret_min_length = 32;
  double secret_min_entropy = 3.5;  // bits per character
  int jwt_max_minutes = 24 * 60;    // longest acceptable access-token lifetime
  int pool_min = 1;
  int pool_max = 100;
};

// DOC/GIT family settings: paths are relative to the project root; empty = detect.
struct DocsConfig {
  std::string readme;
  std::string runbook;
  std::string env_docs;
  std::string rollback;
};

struct GitConfig {
  std::string release_tag = "v*";  // glob a release tag must match
  bool require_clean = true;
};

// DKR/CMP/K8S: which files to lint. Each list holds files, directories (searched) or globs,
// relative to the root; an empty list means "detect" (see checks/infra_files.h) unless
// `detect` is false, when only the listed files are linted.
struct ContainersConfig {
  bool detect = true;
  std::vector<std::string> dockerfiles;
  std::vector<std::string> compose;
  std::vector<std::string> kubernetes;
  std::vector<std::string> exclude;  // globs on root-relative paths, never linted
  int min_replicas = 2;  // K8S015: the fewest replicas a Deployment or StatefulSet may run
};

struct Config {
  std::filesystem::path file;  // the shipcheck.yaml read; empty when detected
  std::filesystem::path root;  // absolute project root (`project:` relative to the file)

  std::string service;
  int min_score = 90;    // verdict threshold; --min-score overrides
  std::string env_file;  // relative to root; empty = none
  // Where the run history lives: a postgresql:// URL (holding a password: never printed
  // whole), or empty for <root>/.shipcheck/history.db. docs/history.md.
  std::string store;
  std::string url;
  std::string http_url;
  TlsConfig tls;
  EndpointsConfig endpoints;
  AuthConfig auth;
  CorsConfig cors;
  RateLimitConfig rate_limit;
  std::vector<SmokeStep> smoke;
  DependenciesConfig dependencies;
  DnsConfig dns;
  DrillsConfig drills;
  std::optional<PerformanceConfig> performance;
  std::optional<WatchConfig> watch;
  std::vector<ManualItem> manual;
  std::vector<CommandCheck> commands;
  ChecklistLink checklist;
  RulesConfig rules;
  std::vector<SuppressEntry> suppress;
  EnvConfig env;
  DocsConfig docs;
  GitConfig git;
  ContainersConfig containers;

  // Values that came from ${VAR} references: the redactor hides them in every output.
  std::vector<std::string> sensitive_values;
};

}  // namespace shipcheck
