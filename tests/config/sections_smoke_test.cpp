// shipcheck.yaml's smoke steps, health assertions and rate-limit burst: what loads, and each
// mistake stopping the load with its line and column.
#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/expect_error.h"
#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

const EnvLookup k_env = [](std::string_view name) -> std::optional<std::string> {
  return name == "SMOKE_SECRET" ? std::optional<std::string>("s3cr3t-header-value") : std::nullopt;
};

tl::expected<Config, ParseError> load_smoke(const std::string& text) {
  const test::TempDir dir;
  return load_config_text(text, "shipcheck.yaml", dir.path(), k_env);
}

ParseError smoke_error(const std::string& text) {
  const auto config = load_smoke(text);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

constexpr const char* k_flow = R"(smoke:
  - name: create a task
    method: POST
    path: /api/tasks
    auth: true
    headers: {X-Request-Id: smoke-1, X-Key: "${SMOKE_SECRET}"}
    json: {title: shipcheck smoke, done: false, priority: 2, note: "007", tags: [a, b]}
    expect:
      status: 201
      duration: 800ms
      headers: {Content-Type: "^application/json"}
      json: ['$.title == "shipcheck smoke"', "$.id exists"]
    capture: {task_id: $.id}
  - name: read it
    path: /api/tasks/{{task_id}}
    expect: {status: [200, 304], body: '"id"'}
  - name: delete it
    method: DELETE
    path: /api/tasks/{{task_id}}
    body: "{{task_id}}"
endpoints:
  health_expect: ['$.status == "healthy"', '$.database == true']
rate_limit: {path: /api/tasks, requests: 30, within: 5s}
)";

TEST(SmokeConfig, LoadsAFlowWithCapturesAndTypedJson) {
  const auto config = load_smoke(k_flow);
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  ASSERT_EQ(config->smoke.size(), 3U);
  const SmokeStep& create = config->smoke[0];
  EXPECT_EQ(create.method, "POST");
  EXPECT_TRUE(create.auth);
  EXPECT_TRUE(create.json_body);
  EXPECT_EQ(nlohmann::json::parse(create.body),
            nlohmann::json::parse(R"({"title": "shipcheck smoke", "done": false, "priority": 2,
                                      "note": "007", "tags": ["a", "b"]})"));
  ASSERT_EQ(create.headers.size(), 2U);
  EXPECT_EQ(create.headers[1].second, "s3cr3t-header-value");
  EXPECT_EQ(create.expect.status, std::vector<int>{201});
  EXPECT_EQ(create.expect.duration, "800ms");
  ASSERT_EQ(create.expect.headers.size(), 1U);
  EXPECT_EQ(create.expect.headers[0].first, "content-type");
  EXPECT_EQ(create.expect.json.size(), 2U);
  ASSERT_EQ(create.capture.size(), 1U);
  EXPECT_EQ(create.capture[0], (std::pair<std::string, std::string>{"task_id", "$.id"}));
  EXPECT_EQ(create.pos.line, 2);
  EXPECT_EQ(config->smoke[1].method, "GET");
  EXPECT_EQ(config->smoke[1].expect.status, (std::vector<int>{200, 304}));
  EXPECT_FALSE(config->smoke[2].json_body);
  EXPECT_EQ(config->endpoints.health_expect.size(), 2U);
  EXPECT_EQ(config->rate_limit.requests, 30);
  EXPECT_EQ(config->rate_limit.within, "5s");
  EXPECT_EQ(config->rate_limit.path, "/api/tasks");
  // A header value from ${VAR} is a secret the reports hide.
  EXPECT_NE(std::find(config->sensitive_values.begin(), config->sensitive_values.end(),
                      "s3cr3t-header-value"),
            config->sensitive_values.end());
}

TEST(SmokeConfig, TheRateLimitDefaultsAreABurstOf120In10Seconds) {
  const auto config = load_smoke("service: x\n");
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->rate_limit.requests, 120);
  EXPECT_EQ(config->rate_limit.within, "10s");
  EXPECT_TRUE(config->smoke.empty());
}

TEST(SmokeConfigErrors, AnAssertionTypoPointsAtItsColumn) {
  // Column 34 of line 4 is where `healthy` starts inside the quotes.
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - name: a\n    path: /\n"
                              "    expect: {json: ['$.status == healthy']}\n"),
                  4, 34, "not JSON: strings are written in double quotes");
  EXPECT_ERROR_AT(smoke_error("endpoints:\n  health_expect:\n    - $.status = 1\n"), 3, 16,
                  "expected an operator");
}

TEST(SmokeConfigErrors, AReferenceToAValueNoEarlierStepCaptures) {
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - name: a\n    path: /x/{{id}}\n"), 2, 5,
                  "uses {{id}}, which no earlier step captures");
  // A step cannot use what it captures itself: the value arrives with its answer.
  EXPECT_ERROR_AT(
      smoke_error("smoke:\n  - name: a\n    path: /x/{{id}}\n    capture: {id: $.id}\n"), 2, 5,
      "which no earlier step captures");
}

TEST(SmokeConfigErrors, StepsNeedANameAPathAndOneKindOfBody) {
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - path: /\n"), 2, 5, "needs a name");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - name: a\n"), 2, 5, "needs a path");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /}\n  - {name: a, path: /b}\n"), 3, 5,
                  "already named 'a'");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, json: {}, body: x}\n"), 2, 5,
                  "has both json and body");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, json: '{not json'}\n"), 2, 30,
                  "is not JSON text");
}

TEST(SmokeConfigErrors, BadMethodsHeadersStatusesAndPatterns) {
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, method: FETCH}\n"), 2, 32,
                  "an HTTP method");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, headers: {\"Bad Name\": x}}\n"), 2,
                  34, "is not a header name");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, expect: {status: 99}}\n"), 2, 41,
                  "status");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, expect: {body: \"([\"}}\n"), 2, 39,
                  "is not a regular expression");
  EXPECT_ERROR_AT(smoke_error("smoke:\n  - {name: a, path: /, capture: {id: id}}\n"), 2, 38,
                  "a path starts with '$'");
  EXPECT_ERROR_AT(smoke_error("rate_limit: {requests: 5000}\n"), 1, 24, "requests");
}

}  // namespace
}  // namespace shipcheck::config
