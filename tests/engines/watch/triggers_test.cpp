// The trigger language: every accepted form, its canonical spelling, and every error with
// the column where it went wrong.
#include "engines/watch/triggers.h"

#include <gtest/gtest.h>

namespace shipcheck::watch {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

Trigger trigger_of(std::string_view text) {
  const auto t = parse_trigger(text);
  EXPECT_TRUE(t.has_value()) << text << ": " << (t ? "" : t.error().message);
  return t ? *t : Trigger{};
}

TriggerError trigger_error_of(std::string_view text) {
  const auto t = parse_trigger(text);
  EXPECT_FALSE(t.has_value()) << text << " parsed as " << (t ? to_string(*t) : "");
  return t ? TriggerError{999, ""} : t.error();
}

// The error's column and that its message contains `part` (and the examples).
void expect_trigger_error(std::string_view text, std::size_t column, std::string_view part) {
  const TriggerError e = trigger_error_of(text);
  EXPECT_EQ(e.column, column) << text << "\n" << describe(text, e);
  EXPECT_NE(e.message.find(part), std::string::npos) << text << "\n" << e.message;
  EXPECT_NE(e.message.find("\"unavailable for 2m\""), std::string::npos) << e.message;
}

TEST(TriggerParse, ErrorRateAsPercentOrFraction) {
  const Trigger t = trigger_of("error_rate > 5% for 5m");
  EXPECT_EQ(t.signal, Signal::error_rate);
  EXPECT_EQ(t.op, Op::gt);
  EXPECT_EQ(t.bound.kind, BoundKind::absolute);
  EXPECT_DOUBLE_EQ(t.bound.value, 0.05);
  EXPECT_EQ(t.window, minutes(5));
  EXPECT_EQ(t.text, "error_rate > 5% for 5m");
  EXPECT_DOUBLE_EQ(trigger_of("error_rate>0.05").bound.value, 0.05);
  // The seeds' spelling, with blanks before the unit.
  const Trigger seeds = trigger_of("error_rate > 10 % for 5m");
  EXPECT_DOUBLE_EQ(seeds.bound.value, 0.10);
  EXPECT_EQ(trigger_of("availability < 99.5%").op, Op::lt);
  EXPECT_DOUBLE_EQ(trigger_of("availability <= 0.9").bound.value, 0.9);
}

TEST(TriggerParse, LatenciesInSeconds) {
  const Trigger p95 = trigger_of("p95 > 2s for 5m");
  EXPECT_EQ(p95.signal, Signal::latency_quantile);
  EXPECT_EQ(p95.quantile, 95);
  EXPECT_DOUBLE_EQ(p95.bound.value, 2.0);
  EXPECT_DOUBLE_EQ(trigger_of("p99 >= 1500ms").bound.value, 1.5);
  EXPECT_DOUBLE_EQ(trigger_of("p50 > 800 us").bound.value, 0.0008);
  EXPECT_DOUBLE_EQ(trigger_of("p90 > 1m").bound.value, 60);
  EXPECT_EQ(trigger_of("p99.9 > 3s").quantile, 99.9);
  const Trigger avg = trigger_of("avg_latency > 5 s for 2m");  // "response time > 5 s sustained"
  EXPECT_EQ(avg.signal, Signal::avg_latency);
  EXPECT_DOUBLE_EQ(avg.bound.value, 5);
  EXPECT_EQ(trigger_of("avg > 300ms").signal, Signal::avg_latency);
}

TEST(TriggerParse, PlainCounts) {
  const Trigger rps = trigger_of("rps < 10 for 1m");
  EXPECT_EQ(rps.signal, Signal::rps);
  EXPECT_EQ(rps.op, Op::lt);
  EXPECT_DOUBLE_EQ(rps.bound.value, 10);
  EXPECT_DOUBLE_EQ(trigger_of("db_connections >= 95").bound.value, 95);
  EXPECT_DOUBLE_EQ(trigger_of("rps > 2.5e3").bound.value, 2500);
  EXPECT_EQ(to_string(trigger_of(R"(query("x") > 2e12)")), R"(query("x") > 2e+12)");
}

TEST(TriggerParse, NoForFiresOnTheFirstSample) {
  EXPECT_EQ(trigger_of("error_rate > 5%").window, milliseconds(0));
  EXPECT_EQ(trigger_of("error_rate > 5% for 90s").window, seconds(90));
  EXPECT_EQ(trigger_of("error_rate > 5% for 1h30m").window, minutes(90));
}

TEST(TriggerParse, Unavailable) {
  const Trigger t = trigger_of("unavailable for 2m");
  EXPECT_EQ(t.signal, Signal::health);
  EXPECT_EQ(t.op, Op::lt);
  EXPECT_DOUBLE_EQ(t.bound.value, 1);
  EXPECT_EQ(t.window, minutes(2));
  EXPECT_EQ(trigger_of("  unavailable ").window, milliseconds(0));
}

TEST(TriggerParse, QueryWithEscapes) {
  const Trigger t =
      trigger_of(R"t(query("sum(rate(http_requests_total{status=~\"5..\"}[1m]))") > 3 for 2m)t");
  EXPECT_EQ(t.signal, Signal::query);
  EXPECT_EQ(t.source, R"(sum(rate(http_requests_total{status=~"5.."}[1m])))");
  EXPECT_DOUBLE_EQ(t.bound.value, 3);
  EXPECT_EQ(t.window, minutes(2));
  // Single quotes need no escapes for PromQL's double quotes; \\ is one backslash.
  EXPECT_EQ(trigger_of(R"(query('up{job="api"}') < 1)").source, R"(up{job="api"})");
  EXPECT_EQ(trigger_of(R"(query("a\\b") > 1)").source, R"(a\b)");
  // A query's bound may be a percentage (N/100) or a duration (seconds).
  EXPECT_DOUBLE_EQ(trigger_of(R"(query("x") > 5%)").bound.value, 0.05);
  EXPECT_DOUBLE_EQ(trigger_of(R"(query("x") > 250ms)").bound.value, 0.25);
}

TEST(TriggerParse, MetricSeries) {
  const Trigger t = trigger_of(R"(metric("db_pool_in_use{pool=\"main\"}") > 80% of pool)");
  EXPECT_EQ(t.signal, Signal::metric);
  EXPECT_EQ(t.source, R"(db_pool_in_use{pool="main"})");
  EXPECT_EQ(t.bound.kind, BoundKind::of_capacity);
  EXPECT_EQ(trigger_of(R"(metric("process_open_fds") > 1000)").source, "process_open_fds");
}

TEST(TriggerParse, ShareOfACapacity) {
  const Trigger t = trigger_of("db_connections > 80% of pool");
  EXPECT_EQ(t.signal, Signal::db_connections);
  EXPECT_EQ(t.bound.kind, BoundKind::of_capacity);
  EXPECT_DOUBLE_EQ(t.bound.value, 0.8);
  EXPECT_EQ(t.bound.capacity, "pool");
  EXPECT_EQ(t.window, milliseconds(0));
  EXPECT_EQ(trigger_of("db_connections > 80 % of max_connections for 1m").bound.capacity,
            "max_connections");
}

TEST(TriggerParse, RelativeToTheBaseline) {
  // "performance degradation > 50 %"
  const Trigger t = trigger_of("p95 > 1.5 * baseline");
  EXPECT_EQ(t.bound.kind, BoundKind::of_baseline);
  EXPECT_DOUBLE_EQ(t.bound.value, 1.5);
  EXPECT_EQ(trigger_of("rps < 0.5*baseline for 5m").bound.kind, BoundKind::of_baseline);
  EXPECT_EQ(trigger_of("error_rate > 2 * baseline").bound.kind, BoundKind::of_baseline);
}

TEST(TriggerParse, CanonicalSpellingRoundTrips) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"error_rate>5%  for 300s", "error_rate > 5% for 5m"},
      {"error_rate > 0.07", "error_rate > 7%"},
      {"p95 > 2000ms for 5m", "p95 > 2s for 5m"},
      {"p99.9 >= 0.2s", "p99.9 >= 200ms"},
      {"avg > 5 s for 90s", "avg_latency > 5s for 1m30s"},
      {"unavailable for 2m", "unavailable for 2m"},
      {"db_connections > 80 % of pool", "db_connections > 80% of pool"},
      {"p95 > 1.5*baseline", "p95 > 1.5 * baseline"},
      {R"(query('up{job="api"}') < 1 for 1m)", R"(query("up{job=\"api\"}") < 1 for 1m)"},
      {"rps <= 10", "rps <= 10"},
  };
  for (const auto& [text, canonical] : cases) {
    const Trigger t = trigger_of(text);
    EXPECT_EQ(to_string(t), canonical) << text;
    const Trigger again = trigger_of(to_string(t));
    EXPECT_EQ(to_string(again), canonical);
    EXPECT_EQ(again.signal, t.signal);
    EXPECT_EQ(again.source, t.source);
    EXPECT_NEAR(again.bound.value, t.bound.value, 1e-12);
    EXPECT_EQ(again.window, t.window);
  }
}

TEST(TriggerParse, FormatsValuesInTheSignalsUnit) {
  EXPECT_EQ(format_value(trigger_of("error_rate > 5%"), 0.072), "7.2%");
  EXPECT_EQ(format_value(trigger_of("p95 > 2s"), 2.3), "2.3s");
  EXPECT_EQ(format_value(trigger_of("p95 > 2s"), 0.45), "450ms");
  EXPECT_EQ(format_value(trigger_of("rps < 1"), 120), "120");
  EXPECT_EQ(format_value(trigger_of("unavailable"), 0), "down");
  EXPECT_EQ(format_duration(milliseconds(0)), "0s");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1s500ms");
  EXPECT_EQ(format_duration(std::chrono::hours(26)), "1d2h");
}

TEST(TriggerErrors, SignalErrors) {
  expect_trigger_error("", 0, "empty");
  expect_trigger_error("   ", 0, "empty");
  expect_trigger_error("error_rat > 5%", 0,
                       "unknown signal 'error_rat' (did you mean error_rate?)");
  expect_trigger_error("  latnecy > 1s", 2, "unknown signal 'latnecy'");
  // The seeds' prose gets the form to write.
  expect_trigger_error("error rate > 10 % for > 5 minutes", 0,
                       "unknown signal 'error' (write error_rate)");
  expect_trigger_error("API completely unavailable for > 2 minutes", 0,
                       "unknown signal 'API' (write \"unavailable for 2m\")");
  expect_trigger_error("response time > 5 s sustained", 0, "\"avg_latency > 5s for 2m\"");
  expect_trigger_error("performance degradation > 50 %", 0, "\"p95 > 1.5 * baseline\"");
  expect_trigger_error("database connections > 80 % of pool", 0, "(write db_connections)");
  expect_trigger_error("stable for 30m", 0, "success criterion");
  expect_trigger_error("p0 > 1s", 0, "'p0' is not a percentile");
  expect_trigger_error("p100 > 1s", 0, "'p100' is not a percentile");
  expect_trigger_error("> 5%", 0, "expected a signal");
}

TEST(TriggerErrors, OperatorAndBoundErrors) {
  expect_trigger_error("error_rate 5%", 11,
                       "expected an operator (> >= < <=) after the signal, "
                       "found '5%'");
  expect_trigger_error("error_rate == 5%", 11, "expected an operator");
  expect_trigger_error("error_rate >", 12, "expected a number after the operator, found the end");
  expect_trigger_error("error_rate > -5%", 13, "expected a number");
  expect_trigger_error("error_rate > 1.2.3%", 13, "'1.2.3' is not a number");
  expect_trigger_error("error_rate > 5", 13, "error_rate 5 is over 1: write 5% for a percentage");
  expect_trigger_error("error_rate > 120%", 16, "120% is over 100%");
  expect_trigger_error("error_rate > 5s", 14, "error_rate takes a percentage or a fraction");
  expect_trigger_error("p95 > 2", 6, "a percentile takes a duration such as 2s or 500ms");
  expect_trigger_error("p95 > 2xs for 5m", 7, "unknown unit 'xs' (us, ms, s, m)");
  expect_trigger_error("p95 > 2 sec", 8, "unknown unit 'sec'");
  expect_trigger_error("rps > 100/s", 9, "expected 'for DURATION' or the end, found '/s'");
  expect_trigger_error("rps > 100%", 9, "rps takes a plain number, not '%'");
  expect_trigger_error("db_connections > 80%", 19, "needs a capacity: write \"80% of pool\"");
  expect_trigger_error("db_connections > 0.8 of pool", 21, "write \"80% of NAME\"");
  expect_trigger_error("db_connections > 80% of", 23, "expected a capacity name after 'of'");
  expect_trigger_error("error_rate > 5% of pool", 16,
                       "applies to db_connections, query and "
                       "metric");
  expect_trigger_error("p95 > 1.5 * base", 12, "expected 'baseline' after '*', found 'base'");
  expect_trigger_error("p95 > 0 * baseline", 6, "above 0");
  expect_trigger_error("rps > 1e16", 6, "out of range (0, or 1e-9 to 1e15");
  expect_trigger_error("p95 > 0.000001us", 6, "out of range");
  expect_trigger_error("p1e1 > 1s", 0, "'p1e1' is not a percentile");
}

TEST(TriggerErrors, ForErrors) {
  expect_trigger_error("error_rate > 5% over 5m", 16,
                       "expected 'for DURATION' or the end, "
                       "found 'over'");
  expect_trigger_error("error_rate > 5% for", 19, "expected a duration after 'for', found the end");
  expect_trigger_error("error_rate > 10 % for > 5 minutes", 22, "expected a duration after 'for'");
  expect_trigger_error("error_rate > 5% for 5 minutes", 22,
                       "unexpected 'minutes' after the "
                       "duration");
  expect_trigger_error("error_rate > 5% for 5x", 20, "'5x' is not a duration");
  expect_trigger_error("error_rate > 5% for 8d", 20, "longer than a week");
  expect_trigger_error("unavailable > 0", 12, "'unavailable' takes no bound");
  expect_trigger_error("unavailable 2m", 12, "expected 'for DURATION' or the end");
}

TEST(TriggerErrors, QueryErrors) {
  expect_trigger_error("query > 3", 6, "expected '(' after 'query'");
  expect_trigger_error("query(up) > 3", 6, "expected a quoted string, found 'up)'");
  expect_trigger_error(R"(query("up > 3)", 6, "unterminated string: no closing \"");
  expect_trigger_error(R"(query("") > 3)", 6, "empty query");
  expect_trigger_error(R"(query("up" > 3)", 11, "expected ')' after the query, found '>'");
  expect_trigger_error(R"(query("5\d\d") > 3)", 8, "unknown escape '\\d'");
  expect_trigger_error(R"(metric("9lives") > 3)", 7, "is not a series name");
  expect_trigger_error(R"(metric("a{b") > 3)", 7, "is not a series name");
}

TEST(TriggerErrors, BoundedAndOneLine) {
  const std::string huge = "query(\"" + std::string(2000, 'x') + "\") > 1";
  expect_trigger_error(huge, 0, "longer than 1024 bytes");
  expect_trigger_error("error_rate > 5%\nfor 5m", 15, "control character");
}

TEST(TriggerErrors, DescribePointsAtTheColumn) {
  const std::string text = "p95 > 2xs";
  const std::string shown = describe(text, trigger_error_of(text));
  EXPECT_EQ(shown.substr(0, shown.find(" unknown")), "  p95 > 2xs\n         ^");
}

TEST(SuccessParse, StableFor) {
  const auto s = parse_success("stable for 30m");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->window, minutes(30));
  EXPECT_EQ(to_string(*s), "stable for 30m");
  EXPECT_EQ(parse_success(" stable  for 1h ")->window, minutes(60));
}

TEST(SuccessParse, Errors) {
  const std::pair<std::string_view, std::pair<std::size_t, std::string_view>> cases[] = {
      {"calm for 30m", {0, "expected 'stable for DURATION', found 'calm'"}},
      {"stable", {6, "expected 'for DURATION'"}},
      {"stable for 0s", {11, "above 0"}},
      {"stable for", {10, "expected a duration after 'for'"}},
      {"stable during 30m", {7, "expected 'for DURATION' or the end, found 'during'"}},
      {"stable for 30m please", {15, "unexpected 'please'"}},
  };
  for (const auto& [text, expected] : cases) {
    const auto s = parse_success(text);
    ASSERT_FALSE(s) << text;
    EXPECT_EQ(s.error().column, expected.first) << text << ": " << s.error().message;
    EXPECT_NE(s.error().message.find(expected.second), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("\"stable for 30m\""), std::string::npos);
  }
}

}  // namespace
}  // namespace shipcheck::watch
