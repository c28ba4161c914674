// k6-like pass/fail thresholds on a load run: "p95 < 200ms", "error_rate < 1%", "rps >= 100".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "engines/load/histogram.h"

namespace shipcheck::load {

enum class Metric { percentile, mean, min, max, error_rate, rps };
enum class Op { lt, le, gt, ge, eq };

struct Threshold {
  Metric metric = Metric::percentile;
  double percentile = 0;  // for Metric::percentile, in (0, 100]
  Op op = Op::lt;
  // µs for the latency metrics, a fraction 0..1 for error_rate, requests/s for rps.
  double limit = 0;
  std::string text;  // as written
};

// Accepted forms, whitespace between tokens optional:
//   p95 < 200ms    p(95) < 200ms    p99.9 <= 1s    med / p50    avg / mean    min    max
//   error_rate < 1%    error_rate < 0.01    rps >= 100
// with the operators < <= > >= ==. Latency limits take the units us, µs, ms, s and m; a bare
// number is milliseconds (as in k6). An error_rate is a percentage (0..100 %) or a fraction
// (0..1); rps is a plain number. The error says what is wrong and lists these forms.
tl::expected<Threshold, std::string> parse_threshold(std::string_view text);

// What a run measured. `requests` counts every request sent, failed ones included;
// `latency` may be null (no latencies recorded).
struct Measured {
  const Histogram* latency = nullptr;
  std::int64_t requests = 0;
  std::int64_t errors = 0;
  double seconds = 0;
};

struct Verdict {
  bool passed = false;
  double observed = 0;        // in the threshold's unit (µs, a fraction, requests/s)
  std::string observed_text;  // "p95 = 212ms", "error_rate = 0.25%", "rps = 98.5"
};

// Whether `m` meets `t`. A threshold with nothing to measure never passes: a latency
// threshold on an empty (or null) histogram, an error_rate or rps threshold with 0 requests
// or an rps threshold over no elapsed time fails with observed 0 and observed_text
// "no requests" (or "no elapsed time"), since a run that sent nothing proves nothing.
Verdict evaluate(const Threshold& t, const Measured& m);

// A duration in µs as a person reads it: "850µs", "212ms", "1.25s", "2.5m".
std::string format_micros(double micros);

}  // namespace shipcheck::load
