// The Prometheus text exposition format (version 0.0.4, what a plain /metrics endpoint
// serves), parsed by our own code: Debian 12 packages prometheus-cpp, but it only writes
// the format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::prom {

// Sorted by name (as Prometheus keeps them), names unique.
using Labels = std::vector<std::pair<std::string, std::string>>;

struct Sample {
  std::string name;  // the full sample name: "http_requests_total", "x_bucket", "x_sum"
  Labels labels;
  double value = 0;
  std::optional<std::int64_t> timestamp_ms;

  // The value of that label, or "" when the sample has none (as PromQL treats it).
  std::string_view label(std::string_view label_name) const;
};

enum class MetricType { untyped, counter, gauge, histogram, summary };
std::string_view to_string(MetricType type);

// What # HELP and # TYPE lines said about one metric family.
struct Family {
  std::string name;
  MetricType type = MetricType::untyped;
  std::string help;  // unescaped
};

struct Exposition {
  std::vector<Sample> samples;   // in the order of the text
  std::vector<Family> families;  // in the order of their first # HELP or # TYPE line
  // The family of that name, or nullptr.
  const Family* family(std::string_view name) const;
};

// Limits that keep a hostile or broken endpoint from costing unbounded memory or time.
inline constexpr std::size_t k_max_line_bytes = 64 * 1024;
inline constexpr std::size_t k_max_samples = 500'000;
inline constexpr std::size_t k_max_labels = 128;  // per sample

// Parses the whole text. Blank lines and other comments are skipped, CRLF line ends
// accepted; values may be NaN, +Inf, -Inf. Errors name the 1-based line and column. Rejects:
// a bad metric or label name, a bad escape in a label value, a repeated label, a second
// # TYPE for one family, an unknown type, a histogram bucket without a numeric `le`, a
// summary sample with a non-numeric `quantile`, and input past the limits above.
tl::expected<Exposition, ParseError> parse_exposition(std::string_view text);

// Parses a sample value as the format (and the Prometheus API's JSON) writes it: a Go
// float, "NaN", "+Inf", "-Inf", "Inf". nullopt when it is not one.
std::optional<double> parse_value(std::string_view text);

}  // namespace shipcheck::prom
