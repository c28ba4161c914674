// Threshold expressions: a small hand-written scanner (metric, operator, number, unit) and
// their evaluation against a run's histogram and counters.
#include "engines/load/thresholds.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

namespace shipcheck::load {
namespace {

constexpr std::string_view k_forms =
    "write a metric, an operator and a limit, e.g. \"p95 < 200ms\", \"p(99.9) <= 1s\", "
    "\"med < 50ms\", \"avg < 100ms\", \"max < 2s\", \"error_rate < 1%\", \"rps >= 100\" "
    "(metrics: pN, p(N), med, avg, mean, min, max, error_rate, rps; operators: < <= > >= ==; "
    "latency units: us, µs, ms, s, m, a bare number is ms)";

tl::unexpected<std::string> threshold_error(std::string_view what) {
  return tl::unexpected(fmt::format("{}; {}", what, k_forms));
}

// At most 40 bytes of `text`, for quoting in an error.
std::string threshold_excerpt(std::string_view text) {
  constexpr std::size_t k_max = 40;
  return text.size() <= k_max ? std::string(text) : std::string(text.substr(0, k_max)) + "…";
}

// A position in the threshold text; every read skips the blanks before it.
struct ThresholdCursor {
  std::string_view text;
  std::size_t at = 0;

  void skip_blanks() {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0) {
      ++at;
    }
  }
  bool done() {
    skip_blanks();
    return at == text.size();
  }
  // The longest run from here of characters for which `accept` holds.
  template <typename Accept>
  std::string_view take(Accept accept) {
    skip_blanks();
    const std::size_t start = at;
    while (at < text.size() && accept(static_cast<unsigned char>(text[at]))) {
      ++at;
    }
    return text.substr(start, at - start);
  }
  bool eat(char c) {
    skip_blanks();
    if (at < text.size() && text[at] == c) {
      ++at;
      return true;
    }
    return false;
  }
  std::string_view rest() { return text.substr(at); }
};

bool is_metric_char(unsigned char c) {
  return std::isalpha(c) != 0 || c == '_';
}
bool is_number_char(unsigned char c) {
  return std::isdigit(c) != 0 || c == '.';
}
// Units: letters, '%' and the bytes of "µ" (U+00B5, and Greek mu U+03BC).
bool is_unit_char(unsigned char c) {
  return std::isalpha(c) != 0 || c == '%' || c >= 0x80;
}

// Digits with at most one '.', not at either end. Over 20 characters is refused, which
// keeps every limit finite once scaled to µs.
std::optional<double> to_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 20 || digits.front() == '.' || digits.back() == '.' ||
      digits.find('.') != digits.rfind('.')) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

tl::expected<double, std::string> read_percentile(ThresholdCursor& in) {
  const bool parenthesised = in.eat('(');
  const std::string_view digits = in.take(is_number_char);
  const auto p = to_number(digits);
  if (!p) {
    return threshold_error(
        digits.empty() ? "missing the percentile after 'p'"
                       : fmt::format("'{}' is not a percentile", threshold_excerpt(digits)));
  }
  if (parenthesised && !in.eat(')')) {
    return threshold_error(fmt::format("missing ')' after 'p({}'", threshold_excerpt(digits)));
  }
  if (!(*p > 0 && *p <= 100)) {
    return threshold_error(
        fmt::format("percentile {} is out of range (0, 100]", threshold_excerpt(digits)));
  }
  return *p;
}

tl::expected<Threshold, std::string> read_metric(ThresholdCursor& in) {
  const std::string_view name = in.take(is_metric_char);
  Threshold t;
  if (name == "p") {
    const auto p = read_percentile(in);
    if (!p) {
      return tl::unexpected(p.error());
    }
    t.percentile = *p;
  } else if (name == "med") {
    t.percentile = 50;
  } else if (name == "avg" || name == "mean") {
    t.metric = Metric::mean;
  } else if (name == "min" || name == "max") {
    t.metric = name == "min" ? Metric::min : Metric::max;
  } else if (name == "error_rate" || name == "rps") {
    t.metric = name == "rps" ? Metric::rps : Metric::error_rate;
  } else if (name.empty()) {
    return threshold_error(in.done() ? "empty threshold" : "missing the metric");
  } else {
    return threshold_error(fmt::format("unknown metric '{}'", threshold_excerpt(name)));
  }
  return t;
}

std::optional<Op> read_op(ThresholdCursor& in) {
  if (in.eat('<')) {
    return in.eat('=') ? Op::le : Op::lt;
  }
  if (in.eat('>')) {
    return in.eat('=') ? Op::ge : Op::gt;
  }
  if (in.eat('=') && in.eat('=')) {
    return Op::eq;
  }
  return std::nullopt;
}

std::optional<double> latency_unit_micros(std::string_view unit) {
  if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") {
    return 1.0;
  }
  if (unit == "ms" || unit.empty()) {
    return 1e3;
  }
  if (unit == "s") {
    return 1e6;
  }
  if (unit == "m") {
    return 60e6;
  }
  return std::nullopt;
}

// The limit in the metric's unit (see Threshold::limit).
tl::expected<double, std::string> scale_limit(const Threshold& t, double number,
                                              std::string_view unit) {
  switch (t.metric) {
    case Metric::error_rate:
      if (unit == "%") {
        return number <= 100 ? tl::expected<double, std::string>(number / 100)
                             : threshold_error(fmt::format("error_rate {}% is over 100%", number));
      }
      if (!unit.empty()) {
        return threshold_error(fmt::format("error_rate takes a percentage or a fraction, not '{}'",
                                           threshold_excerpt(unit)));
      }
      return number <= 1 ? tl::expected<double, std::string>(number)
                         : threshold_error(fmt::format("error_rate {} is over 1: write {}% for a "
                                                       "percentage, or a fraction between 0 and 1",
                                                       number, number));
    case Metric::rps:
      return unit.empty() ? tl::expected<double, std::string>(number)
                          : threshold_error(fmt::format("rps takes a plain number, not '{}'",
                                                        threshold_excerpt(unit)));
    default:
      if (const auto micros = latency_unit_micros(unit)) {
        return number * *micros;
      }
      return threshold_error(fmt::format("unknown duration unit '{}'", threshold_excerpt(unit)));
  }
}

tl::expected<double, std::string> read_limit(ThresholdCursor& in, const Threshold& t) {
  const std::string_view digits = in.take(is_number_char);
  if (digits.empty()) {
    return threshold_error(in.done()
                               ? "missing the limit after the operator"
                               : fmt::format("'{}' is not a number", threshold_excerpt(in.rest())));
  }
  const auto number = to_number(digits);
  if (!number) {
    return threshold_error(fmt::format("'{}' is not a number", threshold_excerpt(digits)));
  }
  return scale_limit(t, *number, in.take(is_unit_char));
}

bool compares(double observed, Op op, double limit) {
  switch (op) {
    case Op::lt:
      return observed < limit;
    case Op::le:
      return observed <= limit;
    case Op::gt:
      return observed > limit;
    case Op::ge:
      return observed >= limit;
    case Op::eq:
      return observed == limit;
  }
  return false;
}

// `value` with up to `decimals` decimals, trailing zeros dropped: 1.50 -> "1.5".
std::string trimmed_decimal(double value, int decimals) {
  std::string out = fmt::format("{:.{}f}", value, decimals);
  if (out.find('.') != std::string::npos) {
    out.erase(out.find_last_not_of('0') + 1);
    if (out.back() == '.') {
      out.pop_back();
    }
  }
  return out;
}

std::string metric_name(const Threshold& t) {
  switch (t.metric) {
    case Metric::percentile:
      return fmt::format("p{}", t.percentile);
    case Metric::mean:
      return "avg";
    case Metric::min:
      return "min";
    case Metric::max:
      return "max";
    case Metric::error_rate:
      return "error_rate";
    case Metric::rps:
      return "rps";
  }
  return "?";
}

Verdict nothing_measured(std::string why) {
  return {false, 0, std::move(why)};
}

Verdict threshold_verdict(const Threshold& t, double observed, std::string observed_text) {
  return {compares(observed, t.op, t.limit), observed, std::move(observed_text)};
}

Verdict evaluate_latency(const Threshold& t, const Histogram& h) {
  double observed = 0;
  switch (t.metric) {
    case Metric::percentile:
      observed = static_cast<double>(h.percentile(t.percentile));
      break;
    case Metric::mean:
      observed = h.mean();
      break;
    case Metric::min:
      observed = static_cast<double>(h.min());
      break;
    default:
      observed = static_cast<double>(h.max());
      break;
  }
  return threshold_verdict(t, observed,
                           fmt::format("{} = {}", metric_name(t), format_micros(observed)));
}

}  // namespace

tl::expected<Threshold, std::string> parse_threshold(std::string_view text) {
  ThresholdCursor in{text};
  auto t = read_metric(in);
  if (!t) {
    return t;
  }
  const bool ended = in.done();
  const std::string_view op_text = in.rest();
  const auto op = read_op(in);
  if (!op) {
    return threshold_error(
        ended ? fmt::format("missing an operator after '{}'", metric_name(*t))
              : fmt::format("'{}' is not an operator", threshold_excerpt(op_text)));
  }
  t->op = *op;
  const auto limit = read_limit(in, *t);
  if (!limit) {
    return tl::unexpected(limit.error());
  }
  t->limit = *limit;
  if (!in.done()) {
    return threshold_error(
        fmt::format("unexpected '{}' after the limit", threshold_excerpt(in.rest())));
  }
  t->text = std::string(text);
  return t;
}

Verdict evaluate(const Threshold& t, const Measured& m) {
  if (t.metric == Metric::error_rate || t.metric == Metric::rps) {
    if (m.requests <= 0) {
      return nothing_measured("no requests");
    }
    const auto requests = static_cast<double>(m.requests);
    if (t.metric == Metric::error_rate) {
      const double rate = static_cast<double>(m.errors) / requests;
      return threshold_verdict(t, rate,
                               fmt::format("error_rate = {}% ({} of {})",
                                           trimmed_decimal(rate * 100, 3), m.errors, m.requests));
    }
    if (!(m.seconds > 0)) {
      return nothing_measured("no elapsed time");
    }
    const double rps = requests / m.seconds;
    return threshold_verdict(t, rps, fmt::format("rps = {}", trimmed_decimal(rps, 1)));
  }
  if (m.latency == nullptr || m.latency->count() == 0) {
    return nothing_measured("no requests");
  }
  return evaluate_latency(t, *m.latency);
}

std::string format_micros(double micros) {
  if (micros < 1e3) {
    return trimmed_decimal(micros, 1) + "\xC2\xB5s";
  }
  if (micros < 1e6) {
    return trimmed_decimal(micros / 1e3, 2) + "ms";
  }
  if (micros < 60e6) {
    return trimmed_decimal(micros / 1e6, 2) + "s";
  }
  return trimmed_decimal(micros / 60e6, 2) + "m";
}

}  // namespace shipcheck::load
