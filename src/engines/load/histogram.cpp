// Histogram: HdrHistogram's layout (Gil Tene's), for one fixed range and precision.
#include "engines/load/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace shipcheck::load {
namespace {

// 3 significant digits need 2 * 10^3 distinct values per power of two: 2048 sub-buckets.
// Bucket 0 holds 0..2047 at unit width; bucket b > 0 holds the upper half (1024..2047) of
// its sub-buckets at width 2^b, as its lower half repeats bucket b - 1.
constexpr int k_sub_bucket_count = 2048;
constexpr int k_half_count_magnitude = 10;
constexpr std::int64_t k_half_count = std::int64_t{1} << k_half_count_magnitude;
constexpr std::uint64_t k_sub_bucket_mask = k_sub_bucket_count - 1;

constexpr int bucket_count() {
  std::int64_t smallest_untrackable = k_sub_bucket_count;
  int buckets = 1;
  while (smallest_untrackable <= Histogram::k_highest) {
    smallest_untrackable <<= 1;
    ++buckets;
  }
  return buckets;
}

constexpr std::size_t k_counts_length = (bucket_count() + 1) * k_half_count;

// The bucket of `value`: how far its bit length exceeds a sub-bucket index's.
int bucket_of(std::int64_t value) {
  const auto bits = std::bit_width(static_cast<std::uint64_t>(value) | k_sub_bucket_mask);
  return static_cast<int>(bits) - (k_half_count_magnitude + 1);
}

// Requires k_lowest <= value <= k_highest.
std::size_t counts_index_of(std::int64_t value) {
  const int bucket = bucket_of(value);
  const std::int64_t sub_bucket = value >> bucket;
  return static_cast<std::size_t>(((bucket + 1) << k_half_count_magnitude) +
                                  (sub_bucket - k_half_count));
}

struct BucketRange {
  std::int64_t low;
  std::int64_t high;
};

// The values that share counts[index].
BucketRange range_at(std::size_t index) {
  int bucket = static_cast<int>(index >> k_half_count_magnitude) - 1;
  std::int64_t sub_bucket = static_cast<std::int64_t>(index & (k_half_count - 1)) + k_half_count;
  if (bucket < 0) {
    sub_bucket -= k_half_count;
    bucket = 0;
  }
  const std::int64_t low = sub_bucket << bucket;
  return {low, low + (std::int64_t{1} << bucket) - 1};
}

}  // namespace

Histogram::Histogram() : m_counts(k_counts_length, 0) {}

void Histogram::record(std::int64_t micros) {
  record(micros, 1);
}

void Histogram::record(std::int64_t micros, std::int64_t count) {
  if (count <= 0) {
    return;
  }
  if (micros < k_lowest || micros > k_highest) {
    micros = std::clamp(micros, k_lowest, k_highest);
    m_clamped += count;
  }
  m_counts[counts_index_of(micros)] += count;
  m_min = m_count == 0 ? micros : std::min(m_min, micros);
  m_max = m_count == 0 ? micros : std::max(m_max, micros);
  m_count += count;
  m_sum += static_cast<double>(micros) * static_cast<double>(count);
}

void Histogram::merge(const Histogram& other) {
  if (other.m_count == 0) {
    return;
  }
  for (std::size_t i = 0; i < m_counts.size(); ++i) {
    m_counts[i] += other.m_counts[i];
  }
  m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
  m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
  m_count += other.m_count;
  m_clamped += other.m_clamped;
  m_sum += other.m_sum;
}

void Histogram::reset() {
  std::fill(m_counts.begin(), m_counts.end(), 0);
  m_count = 0;
  m_clamped = 0;
  m_min = 0;
  m_max = 0;
  m_sum = 0;
}

double Histogram::mean() const {
  return m_count == 0 ? 0.0 : m_sum / static_cast<double>(m_count);
}

double Histogram::stddev() const {
  if (m_count == 0) {
    return 0.0;
  }
  const double average = mean();
  double squares = 0;
  for (std::size_t i = 0; i < m_counts.size(); ++i) {
    if (m_counts[i] != 0) {
      const BucketRange range = range_at(i);
      const double middle =
          static_cast<double>(range.low) + static_cast<double>(range.high - range.low + 1) / 2.0;
      squares += static_cast<double>(m_counts[i]) * (middle - average) * (middle - average);
    }
  }
  return std::sqrt(squares / static_cast<double>(m_count));
}

std::int64_t Histogram::percentile(double p) const {
  if (m_count == 0) {
    return 0;
  }
  if (!(p > 0)) {  // NaN too
    return m_min;
  }
  const double share = std::min(p, 100.0) / 100.0;
  // HdrHistogram's rank: the nearest whole record, at least the first.
  auto target = static_cast<std::int64_t>(share * static_cast<double>(m_count) + 0.5);
  target = std::clamp<std::int64_t>(target, 1, m_count);
  std::int64_t seen = 0;
  for (std::size_t i = 0; i < m_counts.size(); ++i) {
    seen += m_counts[i];
    if (seen >= target) {
      return std::min(range_at(i).high, m_max);
    }
  }
  return m_max;  // unreachable: the counts add up to m_count
}

std::vector<Histogram::Bucket> Histogram::buckets() const {
  std::vector<Bucket> out;
  for (std::size_t i = 0; i < m_counts.size(); ++i) {
    if (m_counts[i] != 0) {
      const BucketRange range = range_at(i);
      out.push_back({range.low, range.high, m_counts[i]});
    }
  }
  return out;
}

}  // namespace shipcheck::load
