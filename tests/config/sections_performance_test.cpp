// shipcheck.yaml's performance section: a path or a weighted mix, auth, and each bad value
// stopping the load with its line and column (thresholds: loader_test.cpp).
#include <gtest/gtest.h>

#include "config/expect_error.h"
#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

const EnvLookup k_no_perf_env = [](std::string_view) -> std::optional<std::string> {
  return std::nullopt;
};

tl::expected<Config, ParseError> load_performance(const std::string& text) {
  const test::TempDir dir;
  return load_config_text(text, "shipcheck.yaml", dir.path(), k_no_perf_env);
}

ParseError performance_error(const std::string& text) {
  const auto config = load_performance(text);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

TEST(LoaderPerformance, LoadsAWeightedMixWithAuth) {
  const auto config = load_performance(R"(performance:
  rate: 100
  duration: 10s
  auth: true
  mix:
    - {path: /status, weight: 3}
    - method: POST
      path: /api/tasks
      headers: {Content-Type: application/json}
      body: '{"title": "load"}'
)");
  ASSERT_TRUE(config) << config.error().to_string();
  const PerformanceConfig& p = *config->performance;
  EXPECT_TRUE(p.auth);
  ASSERT_EQ(p.mix.size(), 2U);
  EXPECT_EQ(p.mix[0].path, "/status");
  EXPECT_EQ(p.mix[0].method, "GET");
  EXPECT_EQ(p.mix[0].weight, 3);
  EXPECT_EQ(p.mix[1].method, "POST");
  EXPECT_EQ(p.mix[1].weight, 1);
  EXPECT_EQ(p.mix[1].headers, (HeaderList{{"Content-Type", "application/json"}}));
  EXPECT_EQ(p.mix[1].body, R"({"title": "load"})");
  EXPECT_EQ(p.mix[1].pos.line, 7);
}

TEST(LoaderPerformance, BadValues) {
  EXPECT_ERROR_AT(performance_error("performance:\n  mix:\n    - {weight: 2}\n"), 3, 7,
                  "has no path");
  EXPECT_ERROR_AT(performance_error("performance:\n  mix:\n    - {path: status}\n"), 3, 14,
                  "a path starting with '/'");
  EXPECT_ERROR_AT(performance_error("performance:\n  mix:\n    - {path: /a, method: get}\n"), 3, 26,
                  "an HTTP method in capitals");
  EXPECT_ERROR_AT(performance_error("performance:\n  mix:\n    - {path: /a, weight: 0}\n"), 3, 26,
                  "weight");
  EXPECT_ERROR_AT(performance_error("performance:\n  path: /a\n  mix: [{path: /b}]\n"), 2, 3,
                  "both path and mix");
  EXPECT_ERROR_AT(performance_error("performance:\n  rate: -5\n"), 2, 9, "rate");
}

}  // namespace
}  // namespace shipcheck::config
