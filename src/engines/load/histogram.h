// Histogram: an HdrHistogram-style log-linear latency histogram (1 µs .. 1 h, 3 significant
// digits) with O(1) record and per-thread copies merged after join.
#pragma once

#include <cstdint>
#include <vector>

namespace shipcheck::load {

// Values are microseconds. Every value in [1, 3'600'000'000] is stored in a bucket whose
// width is at most 1/1024 of its lowest value, so any reported value is within 0.1 % of a
// recorded one. The layout is the same for every Histogram, so merge() is an addition.
// Not thread-safe: each thread records into its own copy (about 184 KiB of counts).
class Histogram {
 public:
  static constexpr std::int64_t k_lowest = 1;
  static constexpr std::int64_t k_highest = 3'600'000'000;  // 1 h

  Histogram();

  // O(1), no allocation. Values below 1 µs are recorded as 1 µs and values above 1 h as
  // 1 h; both are counted in clamped().
  void record(std::int64_t micros);
  // Records `count` copies of `micros` (coordinated-omission fill-in); count <= 0 is a
  // no-op. The caller keeps the total count below 2^62.
  void record(std::int64_t micros, std::int64_t count);
  void merge(const Histogram& other);
  void reset();

  std::int64_t count() const { return m_count; }
  std::int64_t clamped() const { return m_clamped; }
  // Exact (tracked at record time, after clamping); 0 when empty.
  std::int64_t min() const { return m_count == 0 ? 0 : m_min; }
  std::int64_t max() const { return m_count == 0 ? 0 : m_max; }
  // The mean is exact up to double rounding; the standard deviation is computed from the
  // buckets (each at its midpoint), as HdrHistogram does. Both 0 when empty.
  double mean() const;
  double stddev() const;

  // The value at or below which `p` % of the records fall (p clamped to [0, 100]), reported
  // as its bucket's highest equivalent value but never above max(); percentile(0) is
  // min(). 0 when empty.
  std::int64_t percentile(double p) const;

  // One non-empty bucket: every value in [low, high] is counted in it.
  struct Bucket {
    std::int64_t low;
    std::int64_t high;
    std::int64_t count;
  };
  // The non-empty buckets in ascending order; their counts add up to count().
  std::vector<Bucket> buckets() const;

 private:
  std::vector<std::int64_t> m_counts;  // sized once in the constructor, never reallocated
  std::int64_t m_count = 0;
  std::int64_t m_clamped = 0;
  std::int64_t m_min = 0;
  std::int64_t m_max = 0;
  double m_sum = 0;
};

}  // namespace shipcheck::load
