// Threshold expressions: every accepted form, every error, and verdicts on a real Histogram.
#include "engines/load/thresholds.h"

#include <gtest/gtest.h>

namespace shipcheck::load {
namespace {

Threshold parsed(std::string_view text) {
  const auto t = parse_threshold(text);
  EXPECT_TRUE(t.has_value()) << text << ": " << (t ? "" : t.error());
  return t ? *t : Threshold{};
}

// The error for `text`, which must not parse.
std::string threshold_error_of(std::string_view text) {
  const auto t = parse_threshold(text);
  EXPECT_FALSE(t.has_value()) << text << " parsed";
  return t ? std::string() : t.error();
}

TEST(Threshold, ParsesPercentileForms) {
  const Threshold a = parsed("p95 < 200ms");
  EXPECT_EQ(a.metric, Metric::percentile);
  EXPECT_EQ(a.percentile, 95);
  EXPECT_EQ(a.op, Op::lt);
  EXPECT_EQ(a.limit, 200'000);
  EXPECT_EQ(a.text, "p95 < 200ms");
  const Threshold b = parsed("p(95)<200ms");
  EXPECT_EQ(b.percentile, 95);
  EXPECT_EQ(b.limit, 200'000);
  const Threshold c = parsed("p99.9 <= 1s");
  EXPECT_EQ(c.percentile, 99.9);
  EXPECT_EQ(c.op, Op::le);
  EXPECT_EQ(c.limit, 1'000'000);
  EXPECT_EQ(parsed("  p ( 99.99 )  >  1.5ms ").percentile, 99.99);
  EXPECT_EQ(parsed("p100 == 2s").op, Op::eq);
}

TEST(Threshold, ParsesMedianMeanMinMax) {
  EXPECT_EQ(parsed("p50 < 10ms").percentile, 50);
  const Threshold med = parsed("med < 10ms");
  EXPECT_EQ(med.metric, Metric::percentile);
  EXPECT_EQ(med.percentile, 50);
  EXPECT_EQ(parsed("avg < 10ms").metric, Metric::mean);
  EXPECT_EQ(parsed("mean<10ms").metric, Metric::mean);
  EXPECT_EQ(parsed("min >= 1ms").metric, Metric::min);
  EXPECT_EQ(parsed("min >= 1ms").op, Op::ge);
  EXPECT_EQ(parsed("max > 3s").metric, Metric::max);
  EXPECT_EQ(parsed("max > 3s").op, Op::gt);
}

TEST(Threshold, ParsesDurationUnitsWithBareNumberAsMilliseconds) {
  EXPECT_EQ(parsed("p95 < 250us").limit, 250);
  EXPECT_EQ(parsed("p95 < 250\xC2\xB5s").limit, 250);
  EXPECT_EQ(parsed("p95 < 1.5ms").limit, 1'500);
  EXPECT_EQ(parsed("p95 < 2s").limit, 2'000'000);
  EXPECT_EQ(parsed("p95 < 2m").limit, 120'000'000);
  EXPECT_EQ(parsed("p95 < 200").limit, 200'000);
  EXPECT_EQ(parsed("p95 < 200 ms").limit, 200'000);
}

TEST(Threshold, ParsesErrorRateAsPercentOrFraction) {
  const Threshold a = parsed("error_rate < 1%");
  EXPECT_EQ(a.metric, Metric::error_rate);
  EXPECT_DOUBLE_EQ(a.limit, 0.01);
  EXPECT_DOUBLE_EQ(parsed("error_rate < 0.01").limit, 0.01);
  EXPECT_DOUBLE_EQ(parsed("error_rate<=0.5 %").limit, 0.005);
  EXPECT_EQ(parsed("error_rate == 0").limit, 0);
}

TEST(Threshold, ParsesRps) {
  const Threshold t = parsed("rps >= 100");
  EXPECT_EQ(t.metric, Metric::rps);
  EXPECT_EQ(t.op, Op::ge);
  EXPECT_EQ(t.limit, 100);
  EXPECT_EQ(parsed("rps>12.5").limit, 12.5);
}

TEST(Threshold, RejectsEmptyText) {
  EXPECT_NE(threshold_error_of("").find("empty threshold"), std::string::npos);
  EXPECT_NE(threshold_error_of("   ").find("empty threshold"), std::string::npos);
}

TEST(Threshold, RejectsUnknownMetricAndShowsTheAcceptedForms) {
  const std::string error = threshold_error_of("latency < 200ms");
  EXPECT_NE(error.find("unknown metric 'latency'"), std::string::npos) << error;
  EXPECT_NE(error.find("\"p95 < 200ms\""), std::string::npos) << error;
  EXPECT_NE(error.find("error_rate"), std::string::npos) << error;
  EXPECT_NE(threshold_error_of("P95 < 1s").find("unknown metric 'P'"), std::string::npos);
  EXPECT_NE(threshold_error_of("< 1s").find("missing the metric"), std::string::npos);
}

TEST(Threshold, RejectsPercentileOutOfRangeOrMalformed) {
  EXPECT_NE(threshold_error_of("p0 < 1s").find("out of range (0, 100]"), std::string::npos);
  EXPECT_NE(threshold_error_of("p100.1 < 1s").find("out of range"), std::string::npos);
  EXPECT_NE(threshold_error_of("p(101) < 1s").find("out of range"), std::string::npos);
  EXPECT_NE(threshold_error_of("p < 1s").find("missing the percentile"), std::string::npos);
  EXPECT_NE(threshold_error_of("p(95 < 1s").find("missing ')'"), std::string::npos);
  EXPECT_NE(threshold_error_of("p9.9.9 < 1s").find("not a percentile"), std::string::npos);
}

TEST(Threshold, RejectsMissingOrUnknownOperator) {
  EXPECT_NE(threshold_error_of("p95").find("missing an operator after 'p95'"), std::string::npos);
  EXPECT_NE(threshold_error_of("p95 200ms").find("'200ms' is not an operator"), std::string::npos);
  EXPECT_NE(threshold_error_of("p95 = 200ms").find("'= 200ms' is not an operator"),
            std::string::npos);
  EXPECT_NE(threshold_error_of("p95 != 200ms").find("not an operator"), std::string::npos);
}

TEST(Threshold, RejectsMissingOrMalformedLimit) {
  EXPECT_NE(threshold_error_of("p95 <").find("missing the limit"), std::string::npos);
  EXPECT_NE(threshold_error_of("p95 < ms").find("'ms' is not a number"), std::string::npos);
  EXPECT_NE(threshold_error_of("p95 < -5ms").find("'-5ms' is not a number"), std::string::npos);
  EXPECT_NE(threshold_error_of("p95 < 1.2.3s").find("'1.2.3' is not a number"), std::string::npos);
  EXPECT_NE(threshold_error_of("p95 < .5s").find("not a number"), std::string::npos);
  const std::string huge(305, '9');  // finite, but infinite once scaled to µs
  EXPECT_NE(threshold_error_of("p95 < " + huge + "m").find("is not a number"), std::string::npos);
}

TEST(Threshold, RejectsUnknownUnitsForEachMetric) {
  EXPECT_NE(threshold_error_of("p95 < 200xs").find("unknown duration unit 'xs'"),
            std::string::npos);
  EXPECT_NE(threshold_error_of("p95 < 200h").find("unknown duration unit 'h'"), std::string::npos);
  EXPECT_NE(threshold_error_of("avg < 5%").find("unknown duration unit '%'"), std::string::npos);
  EXPECT_NE(threshold_error_of("error_rate < 1ms").find("not 'ms'"), std::string::npos);
  EXPECT_NE(threshold_error_of("rps >= 100/s").find("unexpected '/s'"), std::string::npos);
  EXPECT_NE(threshold_error_of("rps >= 100ms").find("rps takes a plain number"), std::string::npos);
}

TEST(Threshold, RejectsErrorRateOverOne) {
  EXPECT_NE(threshold_error_of("error_rate < 5").find("write 5% for a percentage"),
            std::string::npos);
  EXPECT_NE(threshold_error_of("error_rate < 150%").find("over 100%"), std::string::npos);
}

TEST(Threshold, RejectsTrailingText) {
  EXPECT_NE(threshold_error_of("p95 < 200ms for 5m").find("unexpected 'for 5m' after the limit"),
            std::string::npos);
}

TEST(Threshold, QuotesAtMostFortyBytesOfTheText) {
  const std::string error = threshold_error_of("p95 < 200ms " + std::string(1000, 'z'));
  EXPECT_NE(error.find("unexpected '" + std::string(40, 'z') + "…'"), std::string::npos) << error;
  EXPECT_EQ(error.find(std::string(41, 'z')), std::string::npos);
}

// 1000 requests: 1 ms .. 1000 ms, one each.
Histogram one_to_a_thousand_ms() {
  Histogram h;
  for (std::int64_t ms = 1; ms <= 1000; ++ms) {
    h.record(ms * 1000);
  }
  return h;
}

Verdict verdict(std::string_view text, const Measured& m) {
  return evaluate(parsed(text), m);
}

TEST(Threshold, PercentileThresholdPassesAndFailsOnHistogram) {
  const Histogram h = one_to_a_thousand_ms();
  const Measured m{&h, 1000, 0, 10};
  const Verdict pass = verdict("p95 < 960ms", m);
  EXPECT_TRUE(pass.passed);
  EXPECT_NEAR(pass.observed, 950'000, 950);
  EXPECT_EQ(pass.observed_text, "p95 = 950.27ms");  // the bucket's top, 3 digits exact
  const Verdict fail = verdict("p(95) < 900ms", m);
  EXPECT_FALSE(fail.passed);
  EXPECT_EQ(fail.observed_text, pass.observed_text);
  EXPECT_FALSE(verdict("p99.9 <= 998ms", m).passed);
  EXPECT_TRUE(verdict("p99.9 <= 1s", m).passed);
  EXPECT_EQ(verdict("p99.9 <= 1s", m).observed_text, "p99.9 = 999.42ms");
}

TEST(Threshold, MeanMinMaxThresholdsUseExactValues) {
  const Histogram h = one_to_a_thousand_ms();
  const Measured m{&h, 1000, 0, 10};
  const Verdict avg = verdict("avg < 501ms", m);
  EXPECT_TRUE(avg.passed);
  EXPECT_EQ(avg.observed_text, "avg = 500.5ms");
  EXPECT_FALSE(verdict("mean < 500ms", m).passed);
  EXPECT_TRUE(verdict("min == 1ms", m).passed);
  EXPECT_EQ(verdict("min == 1ms", m).observed_text, "min = 1ms");
  EXPECT_TRUE(verdict("max <= 1s", m).passed);
  EXPECT_FALSE(verdict("max < 1s", m).passed);
  EXPECT_EQ(verdict("max < 1s", m).observed_text, "max = 1s");
  EXPECT_TRUE(verdict("med > 400ms", m).passed);
}

TEST(Threshold, ErrorRateThresholdPassesAndFails) {
  const Histogram h = one_to_a_thousand_ms();
  const Measured m{&h, 1000, 25, 10};
  const Verdict fail = verdict("error_rate < 1%", m);
  EXPECT_FALSE(fail.passed);
  EXPECT_DOUBLE_EQ(fail.observed, 0.025);
  EXPECT_EQ(fail.observed_text, "error_rate = 2.5% (25 of 1000)");
  EXPECT_TRUE(verdict("error_rate < 0.03", m).passed);
  EXPECT_TRUE(verdict("error_rate == 0", {&h, 1000, 0, 10}).passed);
}

TEST(Threshold, RpsThresholdPassesAndFails) {
  const Histogram h = one_to_a_thousand_ms();
  const Measured m{&h, 1000, 0, 8};
  const Verdict pass = verdict("rps >= 100", m);
  EXPECT_TRUE(pass.passed);
  EXPECT_DOUBLE_EQ(pass.observed, 125);
  EXPECT_EQ(pass.observed_text, "rps = 125");
  EXPECT_FALSE(verdict("rps >= 200", m).passed);
}

TEST(Threshold, FailsWhenThereIsNothingToMeasure) {
  const Histogram empty;
  const Measured none{&empty, 0, 0, 10};
  for (const char* text : {"error_rate < 1%", "rps >= 0", "p95 < 60m", "avg > 0", "max >= 0"}) {
    const Verdict v = verdict(text, none);
    EXPECT_FALSE(v.passed) << text;
    EXPECT_EQ(v.observed_text, "no requests") << text;
  }
  EXPECT_FALSE(verdict("p95 < 1s", {nullptr, 5, 0, 10}).passed);
  const Verdict no_time = verdict("rps >= 0", {&empty, 5, 0, 0});
  EXPECT_FALSE(no_time.passed);
  EXPECT_EQ(no_time.observed_text, "no elapsed time");
}

TEST(Threshold, FormatsDurationsForPeople) {
  EXPECT_EQ(format_micros(850), "850\xC2\xB5s");
  EXPECT_EQ(format_micros(212'000), "212ms");
  EXPECT_EQ(format_micros(1'500), "1.5ms");
  EXPECT_EQ(format_micros(1'250'000), "1.25s");
  EXPECT_EQ(format_micros(150'000'000), "2.5m");
}

}  // namespace
}  // namespace shipcheck::load
