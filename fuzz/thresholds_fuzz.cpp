// Fuzzes parse_threshold and evaluate (never crash; a parsed threshold is well-formed and
// fails when nothing was measured) and the Histogram with the same bytes read as recorded
// values (count, clamping, min/max, percentile(0/100), monotone percentiles, bucket sums).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "engines/load/histogram.h"
#include "engines/load/thresholds.h"

namespace {

using shipcheck::load::Histogram;

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

const Histogram& fixed_histogram() {
  static const Histogram h = [] {
    Histogram out;
    for (std::int64_t ms = 1; ms <= 100; ++ms) {
      out.record(ms * 1000);
    }
    out.record(0);
    return out;
  }();
  return h;
}

void fuzz_threshold(std::string_view text) {
  using namespace shipcheck::load;
  const auto t = parse_threshold(text);
  if (!t) {
    require(!t.error().empty());
    return;
  }
  require(t->text == text);
  require(std::isfinite(t->limit) && t->limit >= 0);
  require(t->metric != Metric::percentile || (t->percentile > 0 && t->percentile <= 100));
  require(t->metric != Metric::error_rate || t->limit <= 1);
  const Verdict v = evaluate(*t, {&fixed_histogram(), 101, 7, 2.5});
  require(std::isfinite(v.observed) && !v.observed_text.empty());
  const Histogram empty;
  require(!evaluate(*t, {&empty, 0, 0, 0}).passed);
}

// Each record takes 1 byte of kind and then 4 (a uint32: in range, 0 and above 1 h) or 8
// bytes (any int64, mostly clamped).
std::int64_t next_value(const std::uint8_t*& data, std::size_t& size) {
  const bool wide = (data[0] & 1) != 0 && size >= 9;
  ++data;
  --size;
  if (wide) {
    std::int64_t v = 0;
    std::memcpy(&v, data, 8);
    data += 8;
    size -= 8;
    return v;
  }
  std::uint32_t v = 0;
  const std::size_t n = std::min<std::size_t>(size, 4);
  std::memcpy(&v, data, n);
  data += n;
  size -= n;
  return v;
}

void fuzz_histogram(const std::uint8_t* data, std::size_t size) {
  Histogram h;
  std::int64_t records = 0;
  std::int64_t clamped = 0;
  std::int64_t low = Histogram::k_highest;
  std::int64_t high = Histogram::k_lowest;
  while (size > 0) {
    const std::int64_t v = next_value(data, size);
    h.record(v);
    ++records;
    clamped += v < Histogram::k_lowest || v > Histogram::k_highest ? 1 : 0;
    const std::int64_t stored = std::clamp(v, Histogram::k_lowest, Histogram::k_highest);
    low = std::min(low, stored);
    high = std::max(high, stored);
  }
  require(h.count() == records && h.clamped() == clamped);
  if (records == 0) {
    require(h.max() == 0 && h.percentile(50) == 0 && h.buckets().empty());
    return;
  }
  require(h.min() == low && h.max() == high);
  require(h.percentile(0) == h.min() && h.percentile(100) == h.max());
  std::int64_t previous = h.min();
  for (const double p : {1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0}) {
    const std::int64_t value = h.percentile(p);
    require(value >= previous && value <= h.max());
    previous = value;
  }
  require(h.mean() >= static_cast<double>(h.min()) * (1 - 1e-9) &&
          h.mean() <= static_cast<double>(h.max()) * (1 + 1e-9));
  std::int64_t total = 0;
  for (const auto& b : h.buckets()) {
    require(b.low <= b.high && b.count > 0);
    total += b.count;
  }
  require(total == records);
  Histogram twice = h;
  twice.merge(h);
  require(twice.count() == 2 * records && twice.percentile(50) == h.percentile(50));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz_threshold(std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz_histogram(data, size);
  return 0;
}
