// The bound of a trigger: "5%", "2s", "0.05", "80% of pool", "1.5 * baseline", scaled to the
// signal's unit (see Signal).
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "engines/watch/scanner.h"

namespace shipcheck::watch::detail {
namespace {

using Step = tl::expected<void, TriggerError>;

std::optional<double> seconds_per(std::string_view unit) {
  if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") {
    return 1e-6;
  }
  if (unit == "ms") {
    return 1e-3;
  }
  if (unit == "s") {
    return 1.0;
  }
  if (unit == "m") {
    return 60.0;
  }
  return std::nullopt;
}

std::string_view signal_word(const Trigger& t) {
  switch (t.signal) {
    case Signal::error_rate:
      return "error_rate";
    case Signal::availability:
      return "availability";
    case Signal::latency_quantile:
      return "a percentile";
    case Signal::avg_latency:
      return "avg_latency";
    case Signal::rps:
      return "rps";
    case Signal::db_connections:
      return "db_connections";
    default:
      return "a query";
  }
}

// A fraction 0..1: "5%" or "0.05".
tl::expected<double, TriggerError> fraction_bound(const Trigger& t, double n, std::string_view unit,
                                                  std::size_t column) {
  if (unit == "%") {
    return n <= 100 ? tl::expected<double, TriggerError>(n / 100)
                    : fail_at(column, fmt::format("{}% is over 100%", n));
  }
  if (!unit.empty()) {
    return fail_at(column, fmt::format("{} takes a percentage or a fraction, not '{}'",
                                       signal_word(t), excerpt(unit)));
  }
  return n <= 1 ? tl::expected<double, TriggerError>(n)
                : fail_at(column, fmt::format("{} {} is over 1: write {}% for a percentage, or a "
                                              "fraction between 0 and 1",
                                              signal_word(t), n, n));
}

// `number` with `unit` ("", "%" or a word) in the signal's unit; `column` is the unit's.
tl::expected<double, TriggerError> scale(const Trigger& t, double n, std::string_view unit,
                                         std::size_t column) {
  const auto seconds = seconds_per(unit);
  if (!unit.empty() && unit != "%" && !seconds) {
    return fail_at(column, fmt::format("unknown unit '{}' (us, ms, s, m)", excerpt(unit)));
  }
  switch (t.signal) {
    case Signal::error_rate:
    case Signal::availability:
      return fraction_bound(t, n, unit, column);
    case Signal::latency_quantile:
    case Signal::avg_latency:
      return seconds ? tl::expected<double, TriggerError>(n * *seconds)
                     : fail_at(column, fmt::format("{} takes a duration such as 2s or 500ms",
                                                   signal_word(t)));
    case Signal::rps:
    case Signal::db_connections:
      if (unit == "%" && t.signal == Signal::db_connections) {
        return fail_at(column, fmt::format("a percentage of db_connections needs a capacity: "
                                           "write \"{}% of pool\"",
                                           n));
      }
      return unit.empty() ? tl::expected<double, TriggerError>(n)
                          : fail_at(column, fmt::format("{} takes a plain number, not '{}'",
                                                        signal_word(t), excerpt(unit)));
    default:  // query, metric
      return unit.empty() ? n : unit == "%" ? n / 100 : n * *seconds;
  }
}

// After "K *": the word baseline.
Step read_baseline(Cursor& in, Trigger& out, double factor, std::size_t number_column) {
  in.skip_blanks();
  const std::size_t column = in.at;
  if (in.take(is_word_char) != "baseline") {
    in.at = column;
    return fail_at(column, fmt::format("expected 'baseline' after '*', found {}", in.found()));
  }
  if (factor <= 0) {
    return fail_at(number_column, "a factor of the baseline must be above 0");
  }
  out.bound = Bound{BoundKind::of_baseline, factor, {}};
  return {};
}

// After "N%": "of NAME" for a share of a capacity (true), or nothing (false).
tl::expected<bool, TriggerError> read_capacity(Cursor& in, Trigger& out, double percent) {
  in.skip_blanks();
  const std::size_t column = in.at;
  if (in.take(is_word_char) != "of") {
    in.at = column;
    return false;
  }
  in.skip_blanks();
  const std::size_t name_column = in.at;
  const std::string_view name = in.take(is_word_char);
  if (name.empty() || std::isalpha(static_cast<unsigned char>(name[0])) == 0) {
    in.at = name_column;
    return fail_at(name_column, fmt::format("expected a capacity name after 'of', found {}, e.g. "
                                            "pool",
                                            in.found()));
  }
  if (out.signal != Signal::db_connections && out.signal != Signal::query &&
      out.signal != Signal::metric) {
    return fail_at(column, fmt::format("'% of {}' applies to db_connections, query and metric, "
                                       "not {}",
                                       excerpt(name), signal_word(out)));
  }
  out.bound = Bound{BoundKind::of_capacity, percent / 100, std::string(name)};
  return true;
}

Step check_range(const Bound& bound, std::size_t column) {
  const double v = bound.value;
  if (v != 0 && (v < k_min_bound || v > k_max_bound)) {
    return fail_at(column, fmt::format("the bound {} is out of range (0, or 1e-9 to 1e15 in the "
                                       "signal's unit)",
                                       v));
  }
  return {};
}

// The unit after a number: "%", a word other than `for`, or "" (left unread).
std::string_view read_unit(Cursor& in) {
  in.skip_blanks();
  const std::size_t column = in.at;
  if (in.eat('%')) {
    return in.text.substr(column, 1);
  }
  const std::string_view word = in.take(is_unit_char);
  if (word == "for") {
    in.at = column;
    return {};
  }
  return word;
}

}  // namespace

Step read_bound(Cursor& in, Trigger& out) {
  in.skip_blanks();
  const std::size_t column = in.at;
  const std::string_view digits = in.take_number();
  const auto number = to_number(digits);
  if (!number) {
    in.at = column;
    return fail_at(column,
                   digits.empty()
                       ? fmt::format("expected a number after the operator, found {}", in.found())
                       : fmt::format("'{}' is not a number", excerpt(digits)));
  }
  if (in.eat('*')) {
    const Step read = read_baseline(in, out, *number, column);
    return read ? check_range(out.bound, column) : read;
  }
  in.skip_blanks();
  const std::size_t unit_column = in.at;
  const std::string_view unit = read_unit(in);
  if (unit == "of") {
    return fail_at(unit_column, fmt::format("a share of a capacity is a percentage: write "
                                            "\"{:.10g}% of NAME\"",
                                            *number * 100));
  }
  if (unit == "%") {
    const auto read = read_capacity(in, out, *number);
    if (!read || *read) {
      return read ? check_range(out.bound, column) : tl::unexpected(read.error());
    }
  }
  auto value = scale(out, *number, unit, unit.empty() ? column : unit_column);
  if (!value) {
    return tl::unexpected(value.error());
  }
  out.bound = Bound{BoundKind::absolute, *value, {}};
  return check_range(out.bound, column);
}

}  // namespace shipcheck::watch::detail
