// shipcheck.yaml's watch section: each rollback trigger and the success criterion parsed at
// load, a bad one reported at its line and at the column inside the string.
#include <gtest/gtest.h>

#include "config/expect_error.h"
#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

EnvLookup watch_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    const auto found = vars.find(std::string(name));
    return found == vars.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
}

tl::expected<Config, ParseError> load_watch(const std::string& text,
                                            const EnvLookup& env = watch_env({})) {
  const test::TempDir dir;
  return load_config_text(text, "shipcheck.yaml", dir.path(), env);
}

ParseError watch_error(const std::string& text, const EnvLookup& env = watch_env({})) {
  const auto config = load_watch(text, env);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

TEST(LoaderWatch, LoadsTriggersAndTheSuccessCriterion) {
  const auto config = load_watch(R"y(watch:
  for: 30m
  rollback_when:
    - error_rate > 5% for 5m
    - "unavailable for 2m"
    - 'query("sum(rate(http_requests_total{status=~\"5..\"}[1m]))") > 3 for 2m'
    - db_connections > 80% of pool
    - p95 > 1.5 * baseline
  success: stable for 30m
)y");
  ASSERT_TRUE(config) << config.error().to_string();
  const WatchConfig& w = *config->watch;
  ASSERT_EQ(w.rollback_when.size(), 5U);
  EXPECT_EQ(w.rollback_when[2],
            R"y(query("sum(rate(http_requests_total{status=~\"5..\"}[1m]))") > 3 for 2m)y");
  EXPECT_EQ(w.success, "stable for 30m");
}

TEST(LoaderWatch, BadTriggerIsReportedAtItsColumn) {
  EXPECT_ERROR_AT(
      watch_error(
          "watch:\n  rollback_when:\n    - error_rate > 5% for 5m\n    - p95 > 2xs for 5m\n"),
      4, 14, "'watch.rollback_when[1]': unknown unit 'xs'");
  // Quoted, in a flow list: the column counts the opening quote.
  EXPECT_ERROR_AT(watch_error("watch: {rollback_when: [\"error_rate > 5 for 5m\"]}\n"), 1, 39,
                  "write 5% for a percentage");
  // The seeds' prose gets the form to write.
  EXPECT_ERROR_AT(watch_error("watch:\n  rollback_when: [error rate > 10 % for > 5 minutes]\n"), 2,
                  19, "unknown signal 'error' (write error_rate)");
  EXPECT_ERROR_AT(watch_error("watch:\n  rollback_when: [unavailable for 2 minutes]\n"), 2, 37,
                  "unexpected 'minutes' after the duration");
}

TEST(LoaderWatch, BadMetricSelectorIsReportedAtItsColumn) {
  // Column 26 is the `a` of the unquoted label value.
  EXPECT_ERROR_AT(watch_error(R"y(watch:
  rollback_when:
    - 'metric("queue{job=api}") > 100'
)y"),
                  3, 26, "metric(...): expected a double-quoted label value");
  EXPECT_TRUE(load_watch(R"y(watch:
  rollback_when:
    - metric('queue{job="api"}') > 100
)y"));
}

TEST(LoaderWatch, BaselineAndCapacities) {
  const auto config = load_watch(R"y(watch:
  baseline: {from: previous, over: 5m}
  capacities: {pool: 30, replicas_pool: 12.5}
)y");
  ASSERT_TRUE(config) << config.error().to_string();
  EXPECT_EQ(config->watch->baseline_from, "previous");
  EXPECT_EQ(config->watch->baseline_over, "5m");
  EXPECT_EQ(config->watch->capacities.at("pool"), 30);
  EXPECT_EQ(config->watch->capacities.at("replicas_pool"), 12.5);
  EXPECT_ERROR_AT(watch_error("watch:\n  baseline: {from: yesterday}\n"), 2, 20,
                  "start or previous");
  EXPECT_ERROR_AT(watch_error("watch:\n  capacities: {pool: 0}\n"), 2, 22, "pool");
}

TEST(LoaderWatch, ATriggerWithItsOwnNoDataPolicy) {
  const auto config = load_watch(R"y(watch:
  prometheus_auth: {token_env: PROM_TOKEN}
  rollback_when:
    - unavailable for 2m
    - {when: "error_rate > 5% for 5m", on_no_data: fail}
)y");
  ASSERT_TRUE(config) << config.error().to_string();
  EXPECT_EQ(config->watch->rollback_when,
            (std::vector<std::string>{"unavailable for 2m", "error_rate > 5% for 5m"}));
  EXPECT_EQ(config->watch->rollback_no_data, (std::vector<std::string>{"", "fail"}));
  EXPECT_EQ(config->watch->prometheus_token_env, "PROM_TOKEN");
  EXPECT_ERROR_AT(watch_error(R"y(watch:
  rollback_when:
    - {when: "error_rate > 5% for 5m", on_no_data: panic}
)y"),
                  3, 52, "ignore, breach or fail");
  EXPECT_ERROR_AT(watch_error("watch:\n  rollback_when:\n    - {on_no_data: fail}\n"), 3, 7,
                  "has no when:");
  // The column inside the `when` string, as for a plain item.
  EXPECT_ERROR_AT(watch_error("watch:\n  rollback_when:\n    - {when: p95 > 2xs}\n"), 3, 21,
                  "unknown unit 'xs'");
  EXPECT_ERROR_AT(
      watch_error("watch:\n  prometheus_auth: {token_env: T, username: u, password_env: P}\n"), 2,
      20, "has both token_env and username");
  // Names of variables, as every other *_env key: a ${...} reference would put the secret
  // itself where its name belongs.
  EXPECT_ERROR_AT(watch_error("watch:\n  prometheus_auth: {token_env: \"${PROM_TOKEN}\"}\n"), 2, 32,
                  "must be an environment variable name");
  EXPECT_ERROR_AT(watch_error("watch:\n  prometheus_auth: {username: u, password_env: a-b}\n"), 2,
                  48, "must be an environment variable name");
}

TEST(LoaderWatch, BadSuccessCriterion) {
  EXPECT_ERROR_AT(watch_error("watch:\n  success: stable for 0s\n"), 2, 23,
                  "'watch.success': a stable window must be above 0");
  EXPECT_ERROR_AT(watch_error("watch:\n  success: \"calm for 30m\"\n"), 2, 13,
                  "expected 'stable for DURATION', found 'calm'");
}

TEST(LoaderWatch, BadTriggerFromAVariableDoesNotEchoItsValue) {
  const ParseError e = watch_error("watch:\n  rollback_when: [\"p95 > ${LIMIT}\"]\n",
                                   watch_env({{"LIMIT", "hunter2-secret"}}));
  EXPECT_ERROR_AT(e, 2, 19, "'p95 > ${LIMIT}' is not a trigger once expanded");
  EXPECT_EQ(e.to_string().find("hunter2"), std::string::npos) << e.to_string();
}

}  // namespace
}  // namespace shipcheck::config
