// Histogram: percentiles of synthetic distributions against the exact sorted values, merge,
// clamping, the exact statistics and the bucket listing.
#include "engines/load/histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

namespace shipcheck::load {
namespace {

constexpr std::size_t k_samples = 1'000'000;
constexpr double k_checked_percentiles[] = {50, 90, 95, 99, 99.9};

// The exact p-th percentile of sorted `values`: the smallest value with at least p % of the
// values at or below it.
std::int64_t exact_percentile(const std::vector<std::int64_t>& sorted, double p) {
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

void expect_percentiles_within_one_percent(std::vector<std::int64_t> values) {
  Histogram h;
  for (const std::int64_t v : values) {
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  ASSERT_EQ(h.count(), static_cast<std::int64_t>(values.size()));
  for (const double p : k_checked_percentiles) {
    const auto exact = static_cast<double>(exact_percentile(values, p));
    const auto got = static_cast<double>(h.percentile(p));
    EXPECT_LE(std::abs(got - exact), 0.01 * exact) << "p" << p << ": " << got << " vs " << exact;
  }
  EXPECT_EQ(h.percentile(100), values.back());
  EXPECT_EQ(h.min(), values.front());
  EXPECT_EQ(h.max(), values.back());
}

std::vector<std::int64_t> uniform_values(std::size_t n, std::int64_t low, std::int64_t high) {
  std::mt19937_64 random(20240601);
  std::uniform_int_distribution<std::int64_t> pick(low, high);
  std::vector<std::int64_t> out(n);
  for (auto& v : out) {
    v = pick(random);
  }
  return out;
}

// Latency-like: exponential around `mean` µs, at least 1 µs.
std::vector<std::int64_t> exponential_values(std::size_t n, double mean) {
  std::mt19937_64 random(7);
  std::exponential_distribution<double> pick(1.0 / mean);
  std::vector<std::int64_t> out(n);
  for (auto& v : out) {
    v = std::max<std::int64_t>(1, std::llround(pick(random)));
  }
  return out;
}

// Spread evenly over every power of two from 1 µs to 1 h.
std::vector<std::int64_t> log_uniform_values(std::size_t n) {
  std::mt19937_64 random(99);
  std::uniform_real_distribution<double> pick(0.0, std::log(3.6e9));
  std::vector<std::int64_t> out(n);
  for (auto& v : out) {
    v = std::clamp<std::int64_t>(std::llround(std::exp(pick(random))), 1, 3'600'000'000);
  }
  return out;
}

TEST(Histogram, PercentilesOfUniformDistributionWithinOnePercent) {
  expect_percentiles_within_one_percent(uniform_values(k_samples, 1, 2'000'000));
}

TEST(Histogram, PercentilesOfExponentialDistributionWithinOnePercent) {
  expect_percentiles_within_one_percent(exponential_values(k_samples, 40'000));
}

TEST(Histogram, PercentilesOfLogUniformDistributionWithinOnePercent) {
  expect_percentiles_within_one_percent(log_uniform_values(k_samples));
}

TEST(Histogram, SmallValuesAreExact) {
  Histogram h;
  for (std::int64_t v = 1; v <= 2000; ++v) {
    h.record(v);
  }
  EXPECT_EQ(h.percentile(50), 1000);
  EXPECT_EQ(h.percentile(99), 1980);
  EXPECT_EQ(h.percentile(99.9), 1998);
  EXPECT_EQ(h.percentile(0), 1);
}

TEST(Histogram, ReportsBucketsHighestEquivalentValueButNeverAboveMax) {
  Histogram h;
  h.record(100'000);  // in a bucket 64 µs wide: 99'968 .. 100'031
  h.record(100'000);
  h.record(200'000);
  EXPECT_EQ(h.percentile(50), 100'031);
  EXPECT_EQ(h.percentile(100), 200'000);  // the bucket's top would be 200'063
}

TEST(Histogram, MergeEqualsRecordingAllInOne) {
  const auto values = exponential_values(200'000, 5'000);
  Histogram all;
  Histogram parts[4];
  for (std::size_t i = 0; i < values.size(); ++i) {
    all.record(values[i]);
    parts[i % 4].record(values[i]);
  }
  parts[3].record(0);  // a clamped one on each side
  all.record(0);
  Histogram merged;
  for (const auto& part : parts) {
    merged.merge(part);
  }
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.clamped(), 1);
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  EXPECT_NEAR(merged.mean(), all.mean(), 1e-9 * all.mean());
  EXPECT_NEAR(merged.stddev(), all.stddev(), 1e-9 * all.stddev());
  for (const double p : {0.0, 50.0, 90.0, 99.0, 99.99, 100.0}) {
    EXPECT_EQ(merged.percentile(p), all.percentile(p)) << "p" << p;
  }
  const auto a = merged.buckets();
  const auto b = all.buckets();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].low, b[i].low);
    EXPECT_EQ(a[i].count, b[i].count);
  }
}

TEST(Histogram, MergingAnEmptyOneChangesNothingAndIntoAnEmptyOneCopies) {
  Histogram some;
  some.record(42);
  some.record(4242);
  Histogram empty;
  some.merge(empty);
  EXPECT_EQ(some.count(), 2);
  EXPECT_EQ(some.min(), 42);
  empty.merge(some);
  EXPECT_EQ(empty.count(), 2);
  EXPECT_EQ(empty.min(), 42);
  EXPECT_EQ(empty.max(), 4242);
}

TEST(Histogram, ClampsOutOfRangeValuesAndCountsThem) {
  Histogram h;
  h.record(0);
  h.record(-5);
  h.record(4'000'000'000);
  h.record(500);
  EXPECT_EQ(h.count(), 4);
  EXPECT_EQ(h.clamped(), 3);
  EXPECT_EQ(h.min(), 1);
  EXPECT_EQ(h.max(), 3'600'000'000);
  EXPECT_EQ(h.percentile(100), 3'600'000'000);
  EXPECT_EQ(h.percentile(25), 1);
  h.record(std::numeric_limits<std::int64_t>::max(), 3);
  EXPECT_EQ(h.clamped(), 6);
  EXPECT_EQ(h.count(), 7);
}

TEST(Histogram, RecordWithCountEqualsRepeatedRecords) {
  Histogram once;
  Histogram repeated;
  once.record(1234, 1000);
  once.record(99, 0);   // no-op
  once.record(99, -4);  // no-op
  for (int i = 0; i < 1000; ++i) {
    repeated.record(1234);
  }
  EXPECT_EQ(once.count(), 1000);
  EXPECT_EQ(once.buckets().size(), 1U);
  EXPECT_EQ(once.percentile(50), repeated.percentile(50));
  EXPECT_DOUBLE_EQ(once.mean(), repeated.mean());
  EXPECT_EQ(once.min(), 1234);
}

TEST(Histogram, MinMaxMeanAreExactAndStddevClose) {
  Histogram h;
  for (std::int64_t v = 1; v <= 1000; ++v) {
    h.record(v * 1000);  // 1 ms .. 1 s, well past the exact range
  }
  EXPECT_EQ(h.min(), 1000);
  EXPECT_EQ(h.max(), 1'000'000);
  EXPECT_DOUBLE_EQ(h.mean(), 500'500.0);
  const double exact_stddev = 1000 * std::sqrt((1000.0 * 1000.0 - 1) / 12);
  EXPECT_NEAR(h.stddev(), exact_stddev, 0.01 * exact_stddev);
}

TEST(Histogram, EmptyHistogramReportsZeros) {
  const Histogram h;
  EXPECT_EQ(h.count(), 0);
  EXPECT_EQ(h.clamped(), 0);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.max(), 0);
  EXPECT_EQ(h.mean(), 0.0);
  EXPECT_EQ(h.stddev(), 0.0);
  EXPECT_EQ(h.percentile(50), 0);
  EXPECT_EQ(h.percentile(100), 0);
  EXPECT_TRUE(h.buckets().empty());
}

TEST(Histogram, ResetEmptiesIt) {
  Histogram h;
  h.record(0);
  h.record(77, 5);
  h.reset();
  EXPECT_EQ(h.count(), 0);
  EXPECT_EQ(h.clamped(), 0);
  EXPECT_EQ(h.max(), 0);
  EXPECT_TRUE(h.buckets().empty());
  h.record(9);
  EXPECT_EQ(h.min(), 9);
  EXPECT_EQ(h.percentile(50), 9);
}

TEST(Histogram, BucketsAscendNarrowlyAndSumToCount) {
  Histogram h;
  for (const std::int64_t v : log_uniform_values(100'000)) {
    h.record(v);
  }
  const auto buckets = h.buckets();
  ASSERT_FALSE(buckets.empty());
  std::int64_t total = 0;
  std::int64_t previous_high = 0;
  for (const auto& b : buckets) {
    EXPECT_GT(b.low, previous_high);
    EXPECT_LE(b.low, b.high);
    EXPECT_LE(b.high - b.low + 1, std::max<std::int64_t>(1, b.low / 1024));
    EXPECT_GT(b.count, 0);
    total += b.count;
    previous_high = b.high;
  }
  EXPECT_EQ(total, h.count());
  EXPECT_LE(buckets.front().low, h.min());
  EXPECT_GE(buckets.back().high, h.max());
}

TEST(Histogram, PercentilesAreMonotoneFromMinToMax) {
  Histogram h;
  for (const std::int64_t v : exponential_values(50'000, 300)) {
    h.record(v);
  }
  std::int64_t previous = h.percentile(0);
  EXPECT_EQ(previous, h.min());
  for (double p = 0.5; p <= 100; p += 0.5) {
    const std::int64_t value = h.percentile(p);
    EXPECT_GE(value, previous) << "p" << p;
    previous = value;
  }
  EXPECT_EQ(previous, h.max());
  EXPECT_EQ(h.percentile(250), h.max());  // out of range clamps
  EXPECT_EQ(h.percentile(-3), h.min());
}

}  // namespace
}  // namespace shipcheck::load
