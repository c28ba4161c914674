// Selection, rates between two scrapes (counter resets, new series) and histogram_quantile
// on known buckets.
#include "engines/prom/series.h"

#include <gtest/gtest.h>

#include <cmath>

namespace shipcheck::prom {
namespace {

std::vector<Sample> samples_of(std::string_view text) {
  auto result = parse_exposition(text);
  if (!result) {
    throw std::runtime_error(result.error().to_string());
  }
  return result->samples;
}

Selector selector(std::string metric, std::vector<LabelMatcher> matchers = {}) {
  auto made = Selector::make(std::move(metric), std::move(matchers));
  if (!made) {
    throw std::runtime_error(made.error());
  }
  return *made;
}

const char* const k_requests =
    "http_requests_total{code=\"200\",method=\"GET\"} 90\n"
    "http_requests_total{code=\"500\",method=\"GET\"} 4\n"
    "http_requests_total{code=\"503\",method=\"POST\"} 6\n"
    "other_total 1000\n";

TEST(PromSeries, ParsesSelectorsAsPromQlWritesThem) {
  const auto samples = samples_of(k_requests);
  const auto sum_of = [&samples](std::string_view text) {
    auto parsed = parse_selector(text);
    EXPECT_TRUE(parsed) << text << ": " << (parsed ? "" : parsed.error().message);
    return parsed ? parsed->sum(samples) : std::nullopt;
  };
  EXPECT_EQ(sum_of("http_requests_total"), 100.0);
  EXPECT_EQ(sum_of(R"(http_requests_total{code=~"5.."})"), 10.0);
  EXPECT_EQ(sum_of(R"( http_requests_total { code !~ "5..", method="GET", } )"), 90.0);
  EXPECT_EQ(sum_of(R"(http_requests_total{method!="GET"})"), 6.0);
  EXPECT_EQ(sum_of(R"({__name__="other_total"})"), 1000.0);
  EXPECT_EQ(sum_of(R"(http_requests_total{code="2\"00"})"), std::nullopt);
}

TEST(PromSeries, BadSelectorsSayWhereAndWhy) {
  const auto error_of = [](std::string_view text) {
    auto parsed = parse_selector(text);
    EXPECT_FALSE(parsed) << text;
    return parsed ? SelectorError{} : parsed.error();
  };
  auto e = error_of("queue{job=api}");
  EXPECT_EQ(e.column, 10U);
  EXPECT_EQ(e.message, "expected a double-quoted label value");
  e = error_of(R"(queue{job="api})");
  EXPECT_EQ(e.message, "the label value has no closing '\"'");
  e = error_of(R"(queue{job="a" x="b"})");
  EXPECT_EQ(e.column, 14U);
  EXPECT_EQ(e.message, "expected ',' or '}' after the label value");
  EXPECT_EQ(error_of("rate(x[1m])").message, "unexpected '(' after the selector");
  EXPECT_EQ(error_of("").message, "expected a metric name or '{'");
  EXPECT_EQ(error_of(R"(x{job~"a"})").message, "expected =, !=, =~ or !~ after the label name");
  EXPECT_EQ(error_of(R"(x{job=~"(("})").column, 0U);  // the regex does not compile
  EXPECT_EQ(error_of(R"(x{job="\t"})").message, "unknown escape \\t (use \\\", \\\\ or \\n)");
}

TEST(PromSeries, SelectsByEqualityAndAnchoredRegex) {
  const auto samples = samples_of(k_requests);
  EXPECT_EQ(selector("http_requests_total").sum(samples), 100.0);
  EXPECT_EQ(selector("http_requests_total", {{"code", MatchOp::regex, "5.."}}).sum(samples), 10.0);
  // Anchored: "5" alone matches no whole value.
  EXPECT_FALSE(selector("http_requests_total", {{"code", MatchOp::regex, "5"}}).sum(samples));
  EXPECT_EQ(selector("http_requests_total", {{"code", MatchOp::not_regex, "5.."}}).sum(samples),
            90.0);
  EXPECT_EQ(selector("http_requests_total",
                     {{"code", MatchOp::regex, "5.."}, {"method", MatchOp::equal, "POST"}})
                .sum(samples),
            6.0);
  EXPECT_EQ(selector("http_requests_total", {{"method", MatchOp::not_equal, "GET"}}).sum(samples),
            6.0);
  // An absent label is "" to a matcher, as in PromQL.
  EXPECT_EQ(selector("", {{"code", MatchOp::equal, ""}}).sum(samples), 1000.0);
  EXPECT_EQ(selector("", {}).select(samples).size(), 4u);
  EXPECT_FALSE(selector("nothing_here").sum(samples));  // no data, not zero
}

TEST(PromSeries, RefusesABadRegex) {
  const auto made = Selector::make("x", {{"code", MatchOp::regex, "5(("}});
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().find("label code"), std::string::npos) << made.error();
}

TEST(PromSeries, CounterRateTreatsADropAsAReset) {
  EXPECT_EQ(counter_increase(10, 25), 15);
  EXPECT_EQ(counter_increase(100, 7), 7);  // restarted, counted 7 since
  EXPECT_EQ(counter_rate(10, 30, 10), 2);
  EXPECT_EQ(counter_rate(50, 20, 10), 2);
}

TEST(PromSeries, RateBetweenScrapesCountsNewSeriesFromZero) {
  const auto before = samples_of(
      "http_requests_total{code=\"200\"} 100\n"
      "http_requests_total{code=\"500\"} 50\n");
  // 200s went on (+30); the 500 series reset (process restart) to 4; a new 503 series appeared.
  const auto after = samples_of(
      "http_requests_total{code=\"200\"} 130\n"
      "http_requests_total{code=\"500\"} 4\n"
      "http_requests_total{code=\"503\"} 2\n");
  const auto errors = selector("http_requests_total", {{"code", MatchOp::regex, "5.."}});
  EXPECT_EQ(rate(before, after, errors, 2.0), 3.0);  // (4 + 2) / 2 s
  EXPECT_EQ(rate(before, after, selector("http_requests_total"), 2.0), 18.0);
  EXPECT_FALSE(rate(before, after, selector("absent_total"), 2.0));
}

TEST(PromSeries, HistogramQuantileInterpolatesLikePromQL) {
  // 100 observations: 50 <= 0.1, 40 in (0.1, 0.5], 9 in (0.5, 1], 1 above.
  const std::vector<Bucket> buckets = {{0.1, 50}, {0.5, 90}, {1.0, 99}, {INFINITY, 100}};
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.5, buckets), 0.1);
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.25, buckets), 0.05);  // half of the first bucket
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.7, buckets), 0.3);    // 0.1 + 0.4 * 20/40
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.95, buckets), 0.5 + 0.5 * 5.0 / 9.0);
  // The rank falls in +Inf: the highest finite bound.
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.999, buckets), 1.0);
  EXPECT_EQ(*histogram_quantile(-0.1, buckets), -INFINITY);
  EXPECT_EQ(*histogram_quantile(1.1, buckets), INFINITY);
  // Unsorted input and a non-monotonic count are evened out, as PromQL does.
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.7, {{INFINITY, 100}, {0.5, 90}, {1.0, 89}, {0.1, 50}}),
                   0.3);
}

TEST(PromSeries, HistogramQuantileWithoutDataIsNone) {
  EXPECT_FALSE(histogram_quantile(0.5, {{0.1, 0}, {INFINITY, 0}}));  // no observation
  EXPECT_FALSE(histogram_quantile(0.5, {{0.1, 5}, {1.0, 9}}));       // no +Inf bucket
  EXPECT_FALSE(histogram_quantile(0.5, {{INFINITY, 5}}));            // one bucket
  EXPECT_FALSE(histogram_quantile(0.5, {}));
}

TEST(PromSeries, P95FromBucketIncreasesBetweenTwoScrapes) {
  // Two instances; only what happened between the scrapes counts. Instance b restarted.
  const auto before = samples_of(
      "# TYPE latency_seconds histogram\n"
      "latency_seconds_bucket{instance=\"a\",le=\"0.1\"} 1000\n"
      "latency_seconds_bucket{instance=\"a\",le=\"1\"} 1000\n"
      "latency_seconds_bucket{instance=\"a\",le=\"+Inf\"} 1000\n"
      "latency_seconds_bucket{instance=\"b\",le=\"0.1\"} 500\n"
      "latency_seconds_bucket{instance=\"b\",le=\"1\"} 500\n"
      "latency_seconds_bucket{instance=\"b\",le=\"+Inf\"} 500\n");
  const auto after = samples_of(
      "# TYPE latency_seconds histogram\n"
      "latency_seconds_bucket{instance=\"a\",le=\"0.1\"} 1050\n"
      "latency_seconds_bucket{instance=\"a\",le=\"1\"} 1090\n"
      "latency_seconds_bucket{instance=\"a\",le=\"+Inf\"} 1090\n"
      "latency_seconds_bucket{instance=\"b\",le=\"0.1\"} 0\n"
      "latency_seconds_bucket{instance=\"b\",le=\"1\"} 10\n"
      "latency_seconds_bucket{instance=\"b\",le=\"+Inf\"} 10\n"
      "latency_seconds_count{instance=\"b\"} 10\n");
  const auto deltas = increases(before, after);
  const auto all = histogram_buckets(deltas, selector("latency_seconds"));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].upper_bound, 0.1);
  EXPECT_EQ(all[0].count, 50);   // 50 + 0
  EXPECT_EQ(all[1].count, 100);  // 90 + 10
  EXPECT_EQ(all[2].upper_bound, INFINITY);
  // rank 95 of 100: in (0.1, 1], 45 of its 50 observations.
  EXPECT_DOUBLE_EQ(*histogram_quantile(0.95, all), 0.1 + 0.9 * 45.0 / 50.0);
  const auto only_a =
      histogram_buckets(deltas, selector("latency_seconds", {{"instance", MatchOp::equal, "a"}}));
  EXPECT_EQ(only_a.at(1).count, 90);
  EXPECT_TRUE(histogram_buckets(deltas, selector("other")).empty());
}

}  // namespace
}  // namespace shipcheck::prom
