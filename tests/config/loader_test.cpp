// shipcheck.yaml loader: the DESIGN.md example, every malformed-input error with its
// position, ${VAR} expansion and redaction, and config discovery.
#include "config/loader.h"

#include <sys/stat.h>

#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "config/expect_error.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

using test::TempDir;

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(std::string(name));
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

// The error for `text`, which must not load.
ParseError error_of(const std::string& text, const EnvLookup& env = env_of({})) {
  const TempDir dir;
  auto config = load_config_text(text, "shipcheck.yaml", dir.path(), env);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

constexpr const char* k_design_example = R"(service: todo-api
project: .                        # repository root to inspect
env_file: .env.production
url: https://api.example.com      # the deployed service; omit for static checks only
http_url: http://api.example.com  # plain-HTTP address that must redirect (default: url's host, port 80)
tls:
  ca_file: certs/ca.pem           # extra trust anchor (private CA)
  resolve: ["api.example.com:443:127.0.0.1"]   # like curl --resolve
endpoints:
  health: /health
  readiness: /readyz
  protected: [/api/tasks]         # must answer 401/403 without a valid token
  docs: [/docs, /redoc, /openapi.json]
auth:
  token_env: SMOKE_TOKEN          # a valid bearer token, read from the environment
cors:
  allowed_origins: [https://app.example.com]
dependencies:
  postgres: {url_env: DATABASE_URL, tables: [conversations, messages, tasks]}
  redis: {url_env: REDIS_URL}
performance:
  path: /health
  rate: 100                       # requests/s (open model)
  duration: 10s
  thresholds: ["p95 < 200ms", "p99 < 500ms", "error_rate < 1%"]
watch:
  for: 30m
  prometheus: http://prometheus:9090
  rollback_when: ["error_rate > 5% for 5m", "unavailable for 2m"]
  on_rollback: "kubectl rollout undo deployment/todo-api"
manual:                           # items no program can verify (usually from `import`)
  - {id: notify-team, title: "Notify team of deployment", required: true}
rules:
  disable: [DOC003]
  severity: {HDR004: low}
)";

using Strings = std::vector<std::string>;

TEST(Loader, LoadsTheDesignExampleWithEveryField) {
  const TempDir dir;
  const auto file = dir.write("shipcheck.yaml", k_design_example);
  const auto loaded = load_config(file, env_of({}));
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  const Config& c = *loaded;
  EXPECT_EQ(c.file, file);
  EXPECT_EQ(c.root, std::filesystem::canonical(dir.path()));
  EXPECT_EQ(c.service, "todo-api");
  EXPECT_EQ(c.min_score, 90);
  EXPECT_EQ(c.env_file, ".env.production");
  EXPECT_EQ(c.url, "https://api.example.com");
  EXPECT_EQ(c.http_url, "http://api.example.com");
  EXPECT_EQ(c.tls.ca_file, "certs/ca.pem");
  EXPECT_EQ(c.tls.resolve, Strings{"api.example.com:443:127.0.0.1"});
  EXPECT_EQ(c.endpoints.health, "/health");
  EXPECT_EQ(c.endpoints.readiness, "/readyz");
  EXPECT_EQ(c.endpoints.liveness, "");
  EXPECT_EQ(c.endpoints.protected_paths, Strings{"/api/tasks"});
  EXPECT_EQ(c.endpoints.docs, (Strings{"/docs", "/redoc", "/openapi.json"}));
  EXPECT_EQ(c.auth.token_env, "SMOKE_TOKEN");
  EXPECT_EQ(c.cors.allowed_origins, Strings{"https://app.example.com"});
  ASSERT_TRUE(c.dependencies.postgres.has_value());
  EXPECT_EQ(c.dependencies.postgres->url_env, "DATABASE_URL");
  EXPECT_EQ(c.dependencies.postgres->tables, (Strings{"conversations", "messages", "tasks"}));
  ASSERT_TRUE(c.dependencies.redis.has_value());
  EXPECT_EQ(c.dependencies.redis->url_env, "REDIS_URL");
  ASSERT_TRUE(c.performance.has_value());
  EXPECT_EQ(c.performance->path, "/health");
  EXPECT_DOUBLE_EQ(c.performance->rate, 100.0);
  EXPECT_EQ(c.performance->connections, 0);
  EXPECT_EQ(c.performance->duration, "10s");
  EXPECT_EQ(c.performance->thresholds, (Strings{"p95 < 200ms", "p99 < 500ms", "error_rate < 1%"}));
  ASSERT_TRUE(c.watch.has_value());
  EXPECT_EQ(c.watch->window, "30m");
  EXPECT_EQ(c.watch->interval, "");
  EXPECT_EQ(c.watch->prometheus, "http://prometheus:9090");
  EXPECT_EQ(c.watch->rollback_when, (Strings{"error_rate > 5% for 5m", "unavailable for 2m"}));
  EXPECT_EQ(c.watch->on_rollback, "kubectl rollout undo deployment/todo-api");
  ASSERT_EQ(c.manual.size(), 1U);
  EXPECT_EQ(c.manual[0].id, "notify-team");
  EXPECT_EQ(c.manual[0].title, "Notify team of deployment");
  EXPECT_TRUE(c.manual[0].required);
  EXPECT_EQ(c.manual[0].source, "");
  EXPECT_EQ(c.manual[0].valid_for, "");
  EXPECT_EQ(c.rules.disable, Strings{"DOC003"});
  ASSERT_EQ(c.rules.severity.size(), 1U);
  EXPECT_EQ(c.rules.severity.at("HDR004"), Severity::low);
  EXPECT_TRUE(c.suppress.empty());
  EXPECT_TRUE(c.sensitive_values.empty());
}

TEST(Loader, LoadsTheFamilySettingsAndSuppressions) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "app");
  const auto config = load_config_text(R"(project: app
min_score: 75
suppress:
  - rule: SEC014
    path: "tests/fixtures/**"
    fingerprint: abc123
    reason: fake keys
    expires: 2028-02-29
  - {rule: ENV, reason: "staging only"}
manual:
  - id: backup-drill
    title: Restore a backup
    source: DEPLOY.md:212
    required: no
    valid_for: 7d
performance: {path: /, connections: 8, duration: 1m}
watch: {for: 1h30m, interval: 10s}
env:
  required: [SECRET_KEY, DATABASE_URL]
  optional: [SENTRY_DSN]
  example_file: .env.sample
  scan_code: false
  secret_min_length: 48
  secret_min_entropy: 4.0
  jwt_max_minutes: 30
  pool_min: 2
  pool_max: 20
docs: {readme: README.md, runbook: docs/RUNBOOK.md, env_docs: docs/ENV.md, rollback: docs/ROLLBACK.md}
git: {release_tag: "release-*", require_clean: false}
dependencies:
  redis:
)",
                                       "shipcheck.yaml", dir.path(), env_of({}));
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  const Config& c = *config;
  EXPECT_EQ(c.root, std::filesystem::canonical(dir.path() / "app"));
  EXPECT_EQ(c.service, "app");  // defaults to the root directory's name
  EXPECT_EQ(c.min_score, 75);
  ASSERT_EQ(c.suppress.size(), 2U);
  EXPECT_EQ(c.suppress[0].rule, "SEC014");
  EXPECT_EQ(c.suppress[0].path, "tests/fixtures/**");
  EXPECT_EQ(c.suppress[0].fingerprint, "abc123");
  EXPECT_EQ(c.suppress[0].reason, "fake keys");
  EXPECT_EQ(c.suppress[0].expires, "2028-02-29");
  EXPECT_EQ(c.suppress[0].pos.line, 4);
  EXPECT_EQ(c.suppress[0].pos.column, 5);
  EXPECT_EQ(c.suppress[1].rule, "ENV");
  EXPECT_EQ(c.suppress[1].pos.line, 9);
  EXPECT_EQ(c.suppress[1].pos.column, 5);
  ASSERT_EQ(c.manual.size(), 1U);
  EXPECT_EQ(c.manual[0].source, "DEPLOY.md:212");
  EXPECT_FALSE(c.manual[0].required);
  EXPECT_EQ(c.manual[0].valid_for, "7d");
  EXPECT_EQ(c.performance->connections, 8);
  EXPECT_EQ(c.watch->window, "1h30m");
  EXPECT_EQ(c.watch->interval, "10s");
  EXPECT_EQ(c.env.required, (Strings{"SECRET_KEY", "DATABASE_URL"}));
  EXPECT_EQ(c.env.optional, Strings{"SENTRY_DSN"});
  EXPECT_EQ(c.env.example_file, ".env.sample");
  EXPECT_FALSE(c.env.scan_code);
  EXPECT_EQ(c.env.secret_min_length, 48);
  EXPECT_DOUBLE_EQ(c.env.secret_min_entropy, 4.0);
  EXPECT_EQ(c.env.jwt_max_minutes, 30);
  EXPECT_EQ(c.env.pool_min, 2);
  EXPECT_EQ(c.env.pool_max, 20);
  EXPECT_EQ(c.docs.readme, "README.md");
  EXPECT_EQ(c.docs.runbook, "docs/RUNBOOK.md");
  EXPECT_EQ(c.docs.env_docs, "docs/ENV.md");
  EXPECT_EQ(c.docs.rollback, "docs/ROLLBACK.md");
  EXPECT_EQ(c.git.release_tag, "release-*");
  EXPECT_FALSE(c.git.require_clean);
  EXPECT_FALSE(c.dependencies.postgres.has_value());
  ASSERT_TRUE(c.dependencies.redis.has_value());
  EXPECT_EQ(c.dependencies.redis->url_env, "REDIS_URL");  // the conventional default
}

TEST(Loader, ExpandsVariablesAndRecordsTheirValuesAsSensitive) {
  const TempDir dir;
  const auto ok = load_config_text(
      "url: https://${API_HOST}/v1\nwatch:\n  on_rollback: \"curl -H 'Token: ${HOOK_TOKEN}' "
      "$${NOT_A_VAR}\"\n",
      "shipcheck.yaml", dir.path(),
      env_of({{"API_HOST", "api.internal.example"}, {"HOOK_TOKEN", "s3cr3t-hook-token-value"}}));
  ASSERT_TRUE(ok.has_value()) << ok.error().to_string();
  EXPECT_EQ(ok->url, "https://api.internal.example/v1");
  EXPECT_EQ(ok->watch->on_rollback, "curl -H 'Token: s3cr3t-hook-token-value' ${NOT_A_VAR}");
  EXPECT_EQ(ok->sensitive_values, (Strings{"api.internal.example", "s3cr3t-hook-token-value"}));
}

TEST(Loader, NeverEchoesAnExpandedValueInALaterError) {
  const std::string secret = "s3cr3t-value-0123456789";
  const EnvLookup env = env_of({{"TOKEN", secret}});
  const ParseError e = error_of("service: ${TOKEN}\nmin_score: ${TOKEN}\n", env);
  EXPECT_ERROR_AT(e, 2, 12, "'min_score' must be an integer");
  EXPECT_EQ(e.to_string().find(secret), std::string::npos) << e.to_string();
  EXPECT_EQ(e.to_string().find("s3cr"), std::string::npos) << e.to_string();
  EXPECT_NE(e.message.find("${TOKEN}"), std::string::npos);

  const ParseError url = error_of("url: ${TOKEN}\n", env);
  EXPECT_ERROR_AT(url, 1, 6, "'url' must be an http:// or https:// URL");
  EXPECT_EQ(url.to_string().find(secret), std::string::npos) << url.to_string();
}

TEST(Loader, UrlEnvHoldsANameAndIsNotExpanded) {
  const TempDir dir;
  const auto config = load_config_text("dependencies:\n  postgres: {url_env: MY_DB_URL}\n",
                                       "shipcheck.yaml", dir.path(), env_of({}));
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  EXPECT_EQ(config->dependencies.postgres->url_env, "MY_DB_URL");
  EXPECT_TRUE(config->sensitive_values.empty());
}

TEST(Loader, StoreTakesAPostgresUrlFromTheEnvironment) {
  const TempDir dir;
  const std::string url = "postgresql://ci:s3cr3t-store-pass@db.internal:5432/shipcheck";
  const auto config = load_config_text("store: ${HISTORY_URL}\n", "shipcheck.yaml", dir.path(),
                                       env_of({{"HISTORY_URL", url}}));
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  EXPECT_EQ(config->store, url);
  EXPECT_EQ(config->sensitive_values, (Strings{url}));
  // The short scheme, and an empty value (a variable set to ""), which keeps the local file.
  const auto short_scheme =
      load_config_text("store: postgres://localhost/h\n", "shipcheck.yaml", dir.path(), env_of({}));
  ASSERT_TRUE(short_scheme.has_value()) << short_scheme.error().to_string();
  EXPECT_EQ(short_scheme->store, "postgres://localhost/h");
  const auto empty = load_config_text("store: ${HISTORY_URL}\n", "shipcheck.yaml", dir.path(),
                                      env_of({{"HISTORY_URL", ""}}));
  ASSERT_TRUE(empty.has_value()) << empty.error().to_string();
  EXPECT_EQ(empty->store, "");
  const auto absent = load_config_text("service: a\n", "shipcheck.yaml", dir.path(), env_of({}));
  ASSERT_TRUE(absent.has_value());
  EXPECT_EQ(absent->store, "");
}

TEST(Loader, AcceptsAUtf8ByteOrderMarkAndCrlfLineEnds) {
  const TempDir dir;
  const auto config = load_config_text("\xEF\xBB\xBFservice: caf\xC3\xA9\r\nmin_score: 80\r\n",
                                       "shipcheck.yaml", dir.path(), env_of({}));
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  EXPECT_EQ(config->service, "caf\xC3\xA9");
  EXPECT_EQ(config->min_score, 80);
}

// --- malformed input: one test per error, each with its exact position ---

TEST(LoaderErrors, TabIndentation) {
  const ParseError e = error_of("service: a\ntls:\n\tca_file: x\n");
  EXPECT_ERROR_AT(e, 3, 1, "tab character used for indentation");
  EXPECT_NE(e.hint.find("spaces"), std::string::npos);
}

TEST(LoaderErrors, TabAfterSpacesInIndentation) {
  EXPECT_ERROR_AT(error_of("tls:\n  ca_file: x\n  \tresolve: []\n"), 3, 3,
                  "tab character used for indentation");
}

TEST(LoaderErrors, DuplicateKey) {
  const ParseError e = error_of("service: a\nurl: https://x.example\nservice: b\n");
  EXPECT_ERROR_AT(e, 3, 1, "duplicate key 'service'");
  EXPECT_NE(e.hint.find("line 1"), std::string::npos) << e.hint;
}

TEST(LoaderErrors, DuplicateNestedKey) {
  EXPECT_ERROR_AT(error_of("endpoints:\n  health: /a\n  health: /b\n"), 3, 3,
                  "duplicate key 'health'");
}

TEST(LoaderErrors, UnknownKeySuggestsTheClosest) {
  const ParseError e = error_of("service: a\nenvfile: .env\n");
  EXPECT_ERROR_AT(e, 2, 1, "unknown key 'envfile'");
  EXPECT_EQ(e.hint, "did you mean 'env_file'?");
}

TEST(LoaderErrors, UnknownKeyWithoutANearOneListsTheValidKeys) {
  const ParseError e = error_of("tls:\n  zzzzzzzz: 1\n");
  EXPECT_ERROR_AT(e, 2, 3, "unknown key 'zzzzzzzz' in 'tls'");
  EXPECT_EQ(e.hint, "valid keys: ca_file, resolve");
}

TEST(LoaderErrors, WordWhereANumberIsExpected) {
  EXPECT_ERROR_AT(error_of("performance:\n  rate: fast\n"), 2, 9,
                  "'performance.rate' must be a number >= 0, got 'fast'");
}

TEST(LoaderErrors, MapWhereAStringIsExpected) {
  EXPECT_ERROR_AT(error_of("service:\n  name: x\n"), 2, 3,
                  "'service' must be a single value, found a map");
}

TEST(LoaderErrors, StringWhereAListIsExpected) {
  EXPECT_ERROR_AT(error_of("endpoints:\n  docs: /docs\n"), 2, 9, "'endpoints.docs' must be a list");
}

TEST(LoaderErrors, StoreThatIsNotAPostgresUrlShowsOnlyItsScheme) {
  const ParseError e = error_of("service: a\nstore: mysql://ci:s3cr3t-pass@db/history\n");
  EXPECT_ERROR_AT(e, 2, 8, "'store' must be a postgresql:// or postgres:// URL, got 'mysql://…'");
  EXPECT_EQ(e.to_string().find("s3cr3t"), std::string::npos) << e.to_string();
  EXPECT_NE(e.hint.find("store: ${"), std::string::npos) << e.hint;

  const ParseError no_scheme = error_of("store: ci:s3cr3t-pass@db/history\n");
  EXPECT_ERROR_AT(no_scheme, 1, 8, "'store' must be a postgresql:// or postgres:// URL");
  EXPECT_EQ(no_scheme.to_string().find("s3cr3t"), std::string::npos) << no_scheme.to_string();
  EXPECT_ERROR_AT(error_of("store: .shipcheck/other.db\n"), 1, 8,
                  "'store' must be a postgresql:// or postgres:// URL, got '.shipcheck/other.db'");
}

TEST(LoaderErrors, BadSeverity) {
  const ParseError e = error_of("rules:\n  severity: {HDR004: hgh}\n");
  EXPECT_ERROR_AT(e, 2, 22, "unknown severity 'hgh' for HDR004");
  EXPECT_NE(e.hint.find("did you mean 'high'?"), std::string::npos) << e.hint;
}

TEST(LoaderErrors, LowerCaseRuleIdInSeverity) {
  const ParseError e = error_of("rules:\n  severity:\n    hdr004: low\n");
  EXPECT_ERROR_AT(e, 3, 5, "'hdr004' is not a rule id");
  EXPECT_EQ(e.hint, "rule ids are upper case: HDR004");
}

TEST(LoaderErrors, BadRuleIdInDisable) {
  EXPECT_ERROR_AT(error_of("rules:\n  disable: [ENV, DOC3]\n"), 2, 18,
                  "'rules.disable[1]' must be a rule id or family code, got 'DOC3'");
}

TEST(LoaderErrors, RuleIdsMayHaveDigitsInTheirCode) {
  EXPECT_ERROR_AT(error_of("rules:\n  disable: [K8S, K8S004, K8S04, K8]\n"), 2, 26,
                  "'rules.disable[2]' must be a rule id or family code, got 'K8S04'");
  EXPECT_ERROR_AT(error_of("rules:\n  disable: [ENV0001]\n"), 2, 13,
                  "'rules.disable[0]' must be a rule id or family code, got 'ENV0001'");
}

TEST(LoaderErrors, SuppressWithoutReason) {
  const ParseError e = error_of("suppress:\n  - rule: SEC014\n    path: \"tests/**\"\n");
  EXPECT_ERROR_AT(e, 2, 5, "suppress entry for SEC014 has no 'reason'");
}

TEST(LoaderErrors, SuppressWithBlankReason) {
  EXPECT_ERROR_AT(error_of("suppress: [{rule: SEC014, reason: \"  \"}]\n"), 1, 12,
                  "has no 'reason'");
}

TEST(LoaderErrors, SuppressWithoutRule) {
  EXPECT_ERROR_AT(error_of("suppress:\n  - reason: because\n"), 2, 5,
                  "suppress entry has no 'rule'");
}

TEST(LoaderErrors, BadExpiresDate) {
  EXPECT_ERROR_AT(error_of("suppress:\n  - {rule: SEC014, reason: fake, expires: 2027-02-30}\n"), 2,
                  43, "'suppress[0].expires' must be a date written YYYY-MM-DD");
  EXPECT_ERROR_AT(error_of("suppress:\n  - {rule: SEC014, reason: fake, expires: 31/01/2027}\n"), 2,
                  43, "got '31/01/2027'");
}

TEST(LoaderErrors, UnsetVariable) {
  const ParseError e = error_of("service: a\nurl: https://${API_HOST}/\n");
  EXPECT_ERROR_AT(e, 2, 6, "environment variable 'API_HOST' is not set");
}

TEST(LoaderErrors, UnterminatedVariableReference) {
  EXPECT_ERROR_AT(error_of("url: \"https://${API_HOST/\"\n"), 1, 6, "unterminated ${");
}

TEST(LoaderErrors, UnterminatedDoubleQuote) {
  const ParseError e = error_of("service: \"todo\nurl: https://x.example\n");
  EXPECT_ERROR_AT(e, 1, 10, "unterminated quoted string");
}

TEST(LoaderErrors, UnterminatedSingleQuoteInAList) {
  EXPECT_ERROR_AT(error_of("cors:\n  allowed_origins:\n    - 'https://a.example\n"), 3, 7,
                  "unterminated quoted string");
}

TEST(LoaderErrors, UnterminatedQuoteAfterAnAnchor) {
  EXPECT_ERROR_AT(error_of("service: &s !!str 'todo\nurl: https://x.example\n"), 1, 10,
                  "unterminated quoted string");
}

TEST(LoaderErrors, UnclosedFlowList) {
  const ParseError e = error_of("endpoints:\n  docs: [/docs, /redoc\nurl: https://x.example\n");
  EXPECT_ERROR_AT(e, 3, 4, "invalid YAML: end of sequence flow not found");
  EXPECT_EQ(e.hint, "a '[' is not closed by ']'");
}

TEST(LoaderErrors, BinaryGarbage) {
  EXPECT_ERROR_AT(error_of(std::string("service: a\nurl: \x00\x01\x02\xff", 20)), 2, 6,
                  "binary data: NUL byte");
  EXPECT_ERROR_AT(error_of("service: caf\xC3\x28\n"), 1, 13, "invalid UTF-8 byte 0xC3");
  EXPECT_ERROR_AT(error_of("service: a\x01\n"), 1, 11, "control character 0x01");
}

TEST(LoaderErrors, EmptyFile) {
  EXPECT_ERROR_AT(error_of(""), 1, 1, "empty config");
  EXPECT_ERROR_AT(error_of("# just a comment\n\n"), 1, 1, "empty config");
}

TEST(LoaderErrors, TopLevelList) {
  EXPECT_ERROR_AT(error_of("- service: a\n- url: b\n"), 1, 1,
                  "the top level must be a map of settings");
}

TEST(LoaderErrors, TopLevelScalar) {
  EXPECT_ERROR_AT(error_of("hello\n"), 1, 1, "the top level must be a map of settings");
}

TEST(LoaderErrors, MinScoreOutOfRange) {
  EXPECT_ERROR_AT(error_of("min_score: 150\n"), 1, 12,
                  "'min_score' must be an integer from 0 to 100, got '150'");
  EXPECT_ERROR_AT(error_of("min_score: 9.5\n"), 1, 12, "must be an integer");
}

TEST(LoaderErrors, NegativeNumber) {
  EXPECT_ERROR_AT(error_of("performance:\n  connections: -4\n"), 2, 16,
                  "'performance.connections' must be an integer >= 0, got '-4'");
}

TEST(LoaderErrors, UrlEnvWithSpaces) {
  const ParseError e = error_of("dependencies:\n  postgres:\n    url_env: DATABASE URL\n");
  EXPECT_ERROR_AT(e, 3, 14, "'dependencies.postgres.url_env' must be an environment variable name");
}

TEST(LoaderErrors, UrlEnvWithAReference) {
  const ParseError e = error_of("dependencies:\n  redis: {url_env: \"${REDIS_URL}\"}\n");
  EXPECT_ERROR_AT(e, 2, 20, "must be an environment variable name");
  EXPECT_NE(e.hint.find("name"), std::string::npos);
}

TEST(LoaderErrors, BadDuration) {
  EXPECT_ERROR_AT(error_of("watch:\n  for: 30 minutes\n"), 2, 8,
                  "'watch.for' must be a duration, got '30 minutes'");
}

TEST(LoaderErrors, BadThresholdIsReportedAtItsItem) {
  const ParseError e =
      error_of("performance:\n  thresholds:\n    - p95 < 200ms\n    - p95 < 200xs\n");
  EXPECT_ERROR_AT(e, 4, 7, "'performance.thresholds[1]': unknown duration unit 'xs'");
  EXPECT_NE(e.message.find("\"p95 < 200ms\""), std::string::npos) << e.message;  // the forms
}

TEST(LoaderErrors, BadThresholdInAFlowList) {
  EXPECT_ERROR_AT(error_of("performance: {thresholds: [\"p95 < 1s\", \"latency < 1s\"]}\n"), 1, 40,
                  "'performance.thresholds[1]': unknown metric 'latency'");
  EXPECT_ERROR_AT(error_of("performance:\n  thresholds: [error_rate < 5]\n"), 2, 16,
                  "write 5% for a percentage");
  EXPECT_ERROR_AT(error_of("performance:\n  thresholds: [~]\n"), 2, 16,
                  "'performance.thresholds[0]' is empty");
}

TEST(LoaderErrors, BadThresholdFromAVariableDoesNotEchoItsValue) {
  const ParseError e = error_of("performance:\n  thresholds: [\"p95 < ${LIMIT}\"]\n",
                                env_of({{"LIMIT", "hunter2-secret"}}));
  EXPECT_ERROR_AT(e, 2, 16, "'p95 < ${LIMIT}' is not a threshold once expanded");
  EXPECT_EQ(e.to_string().find("hunter2"), std::string::npos) << e.to_string();
}

TEST(LoaderErrors, BadUrl) {
  EXPECT_ERROR_AT(error_of("url: api.example.com\n"), 1, 6,
                  "'url' must be an http:// or https:// URL");
}

TEST(LoaderErrors, EndpointWithoutLeadingSlash) {
  EXPECT_ERROR_AT(error_of("endpoints: {health: health}\n"), 1, 21,
                  "'endpoints.health' must be a path starting with '/'");
}

TEST(LoaderErrors, ManualItemWithoutId) {
  EXPECT_ERROR_AT(error_of("manual:\n  - title: Notify the team\n"), 2, 5,
                  "manual item has no 'id'");
}

TEST(LoaderErrors, DuplicateManualId) {
  EXPECT_ERROR_AT(error_of("manual:\n  - {id: a}\n  - {id: a}\n"), 3, 5,
                  "duplicate manual item id 'a'");
}

TEST(LoaderErrors, PoolMinAbovePoolMax) {
  EXPECT_ERROR_AT(error_of("env:\n  pool_min: 50\n  pool_max: 10\n"), 2, 13,
                  "env.pool_min (50) is larger than env.pool_max (10)");
}

TEST(LoaderErrors, ProjectDirectoryMissing) {
  EXPECT_ERROR_AT(error_of("project: no/such/dir\n"), 1, 10,
                  "project directory 'no/such/dir' does not exist");
}

TEST(LoaderErrors, SecondDocument) {
  EXPECT_ERROR_AT(error_of("service: a\n---\nservice: b\n"), 3, 1, "more than one YAML document");
}

// yaml-cpp's LoadAll loops forever on these (found by fuzz/config_fuzz.cpp).
TEST(LoaderErrors, StrayFlowTokenAfterTheDocument) {
  EXPECT_ERROR_AT(error_of("-\n,]\n---\nx: y\n"), 2, 1, "invalid YAML: unexpected ','");
  EXPECT_ERROR_AT(error_of(","), 1, 1, "invalid YAML: unexpected ','");
}

TEST(LoaderErrors, MergeKeysAreExplained) {
  const ParseError e = error_of("tls: &t {ca_file: a}\nendpoints:\n  <<: *t\n");
  EXPECT_ERROR_AT(e, 3, 3, "unknown key '<<'");
  EXPECT_NE(e.hint.find("merge keys"), std::string::npos);
}

TEST(LoaderErrors, SelfReferencingAlias) {
  EXPECT_ERROR_AT(error_of("rules:\n  disable: &a [*a]\n"), 2, 12,
                  "'rules.disable[0]' must be a single value, found a list");
}

TEST(LoaderErrors, DeepNestingIsRefusedBeforeParsing) {
  const ParseError e = error_of("service: " + std::string(1000, '[') + std::string(1000, ']'));
  EXPECT_ERROR_AT(e, 1, 73, "nesting deeper than 64 levels");
  EXPECT_ERROR_AT(error_of("cors:\n  allowed_origins: " + std::string(300, '-') + "\n"), 2, 20,
                  "must be a list");
}

TEST(LoaderErrors, DeepBlockSequenceIsRefused) {
  std::string text = "rules:\n  disable:\n";
  for (int i = 0; i < 100; ++i) {
    text += "    " + std::string("- ");
  }
  const ParseError e = error_of(text + "x\n");
  EXPECT_ERROR_AT(e, 3, 1, "nesting deeper than 64 levels");
}

TEST(LoaderErrors, AliasBombIsRefused) {
  std::string text =
      "service: &x \"" + std::string(300000, 'y') + "\"\nperformance:\n  thresholds: [";
  for (int i = 0; i < 150000; ++i) {
    text += "*x, ";
  }
  EXPECT_ERROR_AT(error_of(text + "]\n"), 1, 10, "config expands to more than 8 MiB");
}

TEST(LoaderErrors, HugeVariableValueIsRefused) {
  const EnvLookup env = env_of({{"BIG", std::string(1024 * 1024, 'v')}});
  EXPECT_ERROR_AT(error_of("service: \"" + std::string(20, 'x') +
                               "${BIG}${BIG}${BIG}${BIG}${BIG}${BIG}${BIG}${BIG}${BIG}\"\n",
                           env),
                  1, 10, "after expanding ${BIG}");
}

TEST(LoaderErrors, TextOverOneMebibyteIsRefused) {
  const std::string big = "service: a\n#" + std::string(2 * 1024 * 1024, 'x');
  EXPECT_ERROR_AT(error_of(big), 0, 0, "the limit is 1048576 (1 MiB)");
}

// --- files ---

TEST(LoadConfigFile, RefusesAFiftyMegabyteFileWithoutReadingIt) {
  const TempDir dir;
  const auto file = dir.write("shipcheck.yaml", "service: a\n");
  std::filesystem::resize_file(file, 50ULL * 1024 * 1024);
  const auto config = load_config(file, env_of({}));
  ASSERT_FALSE(config.has_value());
  EXPECT_ERROR_AT(config.error(), 0, 0, "config is 52428800 bytes; the limit is 1048576");
  EXPECT_EQ(config.error().file, file.string());
}

TEST(LoadConfigFile, MissingFile) {
  const TempDir dir;
  const auto config = load_config(dir.path() / "nope.yaml", env_of({}));
  ASSERT_FALSE(config.has_value());
  EXPECT_ERROR_AT(config.error(), 0, 0, "config file not found");
}

TEST(LoadConfigFile, DirectoryAndFifoAreNotRegularFiles) {
  const TempDir dir;
  const auto as_dir = load_config(dir.path(), env_of({}));
  ASSERT_FALSE(as_dir.has_value());
  EXPECT_ERROR_AT(as_dir.error(), 0, 0, "not a regular file");
  const auto fifo = dir.path() / "shipcheck.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto as_fifo = load_config(fifo, env_of({}));  // must not block on open()
  ASSERT_FALSE(as_fifo.has_value());
  EXPECT_ERROR_AT(as_fifo.error(), 0, 0, "not a regular file");
}

TEST(LoadConfigFile, ErrorsNameTheFile) {
  const TempDir dir;
  const auto file = dir.write("conf/shipcheck.yaml", "min_score: high\n");
  const auto config = load_config(file, env_of({}));
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().to_string().rfind(file.string() + ":1:12: ", 0), 0U)
      << config.error().to_string();
}

TEST(LoadConfigFile, ProjectIsRelativeToTheConfigFile) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "repo");
  const auto file = dir.write("ops/shipcheck.yaml", "project: ../repo\n");
  const auto config = load_config(file, env_of({}));
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  EXPECT_EQ(config->root, std::filesystem::canonical(dir.path() / "repo"));
  EXPECT_EQ(config->service, "repo");
}

TEST(LoadConfigFile, ReadsTheProcessEnvironmentByDefault) {
  const TempDir dir;
  ::setenv("SHIPCHECK_TEST_LOADER_HOST", "env.example", 1);
  const auto file = dir.write("shipcheck.yaml", "url: https://${SHIPCHECK_TEST_LOADER_HOST}\n");
  const auto config = load_config(file);
  ::unsetenv("SHIPCHECK_TEST_LOADER_HOST");
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  EXPECT_EQ(config->url, "https://env.example");
}

// --- discovery ---

TEST(FindConfig, FindsTheFileInTheDirectoryOrAParent) {
  const TempDir dir;
  const auto file = dir.write("shipcheck.yaml", "service: a\n");
  std::filesystem::create_directories(dir.path() / "a" / "b");
  EXPECT_EQ(find_config(dir.path()), file);
  EXPECT_EQ(find_config(dir.path() / "a" / "b"), file);
  EXPECT_EQ(find_config(dir.path() / "a" / "b" / ""), file);
}

TEST(FindConfig, PrefersTheNearestAndAcceptsYml) {
  const TempDir dir;
  dir.write("shipcheck.yaml", "service: outer\n");
  const auto inner = dir.write("a/shipcheck.yml", "service: inner\n");
  EXPECT_EQ(find_config(dir.path() / "a"), inner);
}

TEST(FindConfig, NoneUpToTheRoot) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "x");
  // The temp dir's ancestors hold no shipcheck.yaml on a sane machine.
  const auto found = find_config(dir.path() / "x");
  if (found) {
    EXPECT_EQ(found->string().find(dir.path().string()), std::string::npos);
  } else {
    SUCCEED();
  }
}

TEST(FindConfig, IgnoresADirectoryNamedLikeTheConfig) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "shipcheck.yaml");
  const auto found = find_config(dir.path());
  EXPECT_TRUE(!found || found->parent_path() != dir.path());
}

}  // namespace
}  // namespace shipcheck::config
