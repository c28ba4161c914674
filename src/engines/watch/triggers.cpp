// The trigger parser: signal, operator, bound (triggers_bound.cpp) and `for`, every error
// carrying the column where the text stopped making sense.
#include "engines/watch/triggers.h"

#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "core/duration.h"
#include "core/text.h"
#include "engines/watch/scanner.h"

namespace shipcheck::watch {
namespace {

using detail::Cursor;
using detail::excerpt;
using detail::fail_at;
using Millis = std::chrono::milliseconds;
using Step = tl::expected<void, TriggerError>;

constexpr Millis k_max_window = std::chrono::hours(24 * 7);

const std::vector<std::string> k_signal_names{
    "error_rate", "availability",   "p50",   "p90",    "p95",         "p99",   "avg_latency",
    "rps",        "db_connections", "query", "metric", "unavailable", "stable"};

// The body of a quoted string starting at the cursor (on its opening quote), unescaped.
tl::expected<std::string, TriggerError> read_quoted(Cursor& in) {
  in.skip_blanks();
  const std::size_t open = in.at;
  if (in.at == in.text.size() || (in.text[open] != '"' && in.text[open] != '\'')) {
    return fail_at(in.at, fmt::format("expected a quoted string, found {}", in.found()));
  }
  const char quote = in.text[in.at++];
  std::string out;
  while (in.at < in.text.size() && in.text[in.at] != quote) {
    char c = in.text[in.at++];
    if (c == '\\' && in.at < in.text.size()) {
      c = in.text[in.at];
      if (c != '"' && c != '\'' && c != '\\') {
        return fail_at(in.at - 1, fmt::format("unknown escape '\\{}': only \\\", \\' and \\\\ are "
                                              "escapes (write \\\\{} for a backslash and {})",
                                              c, c, c));
      }
      ++in.at;
    }
    out += c;
  }
  if (in.at == in.text.size()) {
    return fail_at(open, fmt::format("unterminated string: no closing {}", quote));
  }
  ++in.at;
  return out;
}

bool is_metric_name_char(unsigned char c) {
  return std::isalnum(c) != 0 || c == '_' || c == ':';
}

// "name" or "name{...}": the series selector metric() takes.
bool is_series(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0])) != 0) {
    return false;
  }
  std::size_t i = 0;
  while (i < text.size() && is_metric_name_char(static_cast<unsigned char>(text[i]))) {
    ++i;
  }
  return i > 0 && (i == text.size() || (text[i] == '{' && text.back() == '}'));
}

// query("...") or metric("..."), after the word.
Step read_source(Cursor& in, Trigger& out) {
  const std::string_view what = out.signal == Signal::query ? "query" : "metric";
  if (!in.eat('(')) {
    return fail_at(in.at, fmt::format("expected '(' after '{}', found {}", what, in.found()));
  }
  in.skip_blanks();
  const std::size_t open = in.at;
  auto body = read_quoted(in);
  if (!body) {
    return tl::unexpected(body.error());
  }
  if (body->empty()) {
    return fail_at(open, fmt::format("empty {}", what));
  }
  if (out.signal == Signal::metric && !is_series(*body)) {
    return fail_at(open, fmt::format("'{}' is not a series name with optional {{labels}}, e.g. "
                                     "metric(\"db_pool_in_use{{pool='main'}}\")",
                                     excerpt(*body)));
  }
  if (!in.eat(')')) {
    return fail_at(in.at, fmt::format("expected ')' after the {}, found {}", what, in.found()));
  }
  out.source = std::move(*body);
  return {};
}

std::optional<Signal> named_signal(std::string_view name) {
  static const std::vector<std::pair<std::string_view, Signal>> k_names{
      {"error_rate", Signal::error_rate},
      {"availability", Signal::availability},
      {"avg_latency", Signal::avg_latency},
      {"avg", Signal::avg_latency},
      {"rps", Signal::rps},
      {"db_connections", Signal::db_connections},
      {"query", Signal::query},
      {"metric", Signal::metric}};
  for (const auto& [known, signal] : k_names) {
    if (name == known) {
      return signal;
    }
  }
  return std::nullopt;
}

// Words of prose checklists ("error rate > 10 %", "response time > 5 s sustained") and
// what to write instead.
constexpr std::pair<std::string_view, std::string_view> k_prose_hints[] = {
    {"error", "error_rate"},
    {"errors", "error_rate"},
    {"response", "avg_latency or p95, e.g. \"avg_latency > 5s for 2m\""},
    {"latency", "p95 or avg_latency, e.g. \"p95 > 2s for 5m\""},
    {"database", "db_connections"},
    {"db", "db_connections"},
    {"connections", "db_connections"},
    {"api", "\"unavailable for 2m\""},
    {"service", "\"unavailable for 2m\""},
    {"down", "\"unavailable for 2m\""},
    {"uptime", "availability"},
    {"requests", "rps"},
    {"throughput", "rps"},
    {"performance", "a factor of the baseline, e.g. \"p95 > 1.5 * baseline\""},
    {"degradation", "a factor of the baseline, e.g. \"p95 > 1.5 * baseline\""},
};

Step unknown_signal(std::size_t column, std::string_view name) {
  if (name.empty()) {
    return fail_at(column, "expected a signal such as error_rate, p95 or unavailable");
  }
  if (name == "stable") {
    return fail_at(column,
                   "'stable for DURATION' is the success criterion (watch.success), not a trigger");
  }
  const std::string lower = to_lower(name);
  for (const auto& [word, instead] : k_prose_hints) {
    if (lower == word) {
      return fail_at(column, fmt::format("unknown signal '{}' (write {})", excerpt(name), instead));
    }
  }
  const auto near = closest(name, k_signal_names, 1);
  return fail_at(column,
                 fmt::format("unknown signal '{}'{}", excerpt(name),
                             near.empty() ? "" : fmt::format(" (did you mean {}?)", near[0])));
}

Step read_signal(Cursor& in, Trigger& out) {
  in.skip_blanks();
  const std::size_t column = in.at;
  const std::string_view name = in.take(detail::is_word_char);
  if (name.size() > 1 && name[0] == 'p' && std::isdigit(static_cast<unsigned char>(name[1]))) {
    const std::string_view digits = name.substr(1);
    const auto q = digits.find_first_not_of("0123456789.") == std::string_view::npos
                       ? detail::to_number(digits)
                       : std::nullopt;
    if (!q || *q <= 0 || *q >= 100) {
      return fail_at(column, fmt::format("'{}' is not a percentile: write p50, p90, p95, p99 or "
                                         "p99.9",
                                         excerpt(name)));
    }
    out.signal = Signal::latency_quantile;
    out.quantile = *q;
    return {};
  }
  const auto signal = named_signal(name);
  if (!signal) {
    return unknown_signal(column, name);
  }
  out.signal = *signal;
  return out.signal == Signal::query || out.signal == Signal::metric ? read_source(in, out)
                                                                     : Step();
}

Step read_op(Cursor& in, Trigger& out) {
  if (in.eat('>')) {
    out.op = in.eat('=') ? Op::ge : Op::gt;
  } else if (in.eat('<')) {
    out.op = in.eat('=') ? Op::le : Op::lt;
  } else {
    return fail_at(in.at, fmt::format("expected an operator (> >= < <=) after the signal, found {}",
                                      in.found()));
  }
  return {};
}

// `for DURATION` then the end, or the end (a window of 0).
tl::expected<Millis, TriggerError> read_window(Cursor& in, std::string_view forms) {
  if (in.done()) {
    return Millis(0);
  }
  const std::size_t column = in.at;
  if (in.take(detail::is_word_char) != "for") {
    in.at = column;
    return fail_at(column, fmt::format("expected 'for DURATION' or the end, found {}", in.found()),
                   forms);
  }
  in.skip_blanks();
  const std::size_t duration_column = in.at;
  const std::string_view word = in.take(detail::is_word_char);
  const auto window = parse_duration(word);
  if (!window) {
    in.at = duration_column;
    return fail_at(duration_column,
                   word.empty()
                       ? fmt::format("expected a duration after 'for', found {}", in.found())
                       : fmt::format("'{}' is not a duration (30s, 5m, 1h30m)", excerpt(word)),
                   forms);
  }
  if (*window > k_max_window) {
    return fail_at(duration_column, "a window longer than a week", forms);
  }
  if (!in.done()) {
    return fail_at(in.at, fmt::format("unexpected {} after the duration", in.found()), forms);
  }
  return *window;
}

// Nothing longer than the limit, nothing over one line.
std::optional<TriggerError> check_line(std::string_view text, std::string_view forms) {
  if (text.size() > k_max_trigger_bytes) {
    return detail::fail_at(0, fmt::format("longer than {} bytes", k_max_trigger_bytes), forms)
        .value();
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) < 0x20 && text[i] != '\t') {
      return detail::fail_at(i, "a control character (a trigger is one line)", forms).value();
    }
  }
  if (text.find_first_not_of(" \t") == std::string_view::npos) {
    return detail::fail_at(0, "empty", forms).value();
  }
  return std::nullopt;
}

tl::expected<Trigger, TriggerError> read_unavailable(Cursor& in, Trigger out) {
  out.signal = Signal::health;
  out.op = Op::lt;
  out.bound = Bound{BoundKind::absolute, 1, {}};
  in.skip_blanks();
  if (in.at < in.text.size() && (in.text[in.at] == '>' || in.text[in.at] == '<')) {
    return fail_at(in.at, "'unavailable' takes no bound: write \"unavailable for 2m\"");
  }
  return read_window(in, detail::k_trigger_forms).map([&](Millis window) {
    out.window = window;
    return std::move(out);
  });
}

}  // namespace

tl::expected<Trigger, TriggerError> parse_trigger(std::string_view text) {
  if (auto bad = check_line(text, detail::k_trigger_forms)) {
    return tl::unexpected(*bad);
  }
  Cursor in{text};
  Trigger out;
  out.text = std::string(text);
  in.skip_blanks();
  const std::size_t start = in.at;
  if (in.take(detail::is_word_char) == "unavailable") {
    return read_unavailable(in, std::move(out));
  }
  in.at = start;
  for (const auto step : {read_signal, read_op, detail::read_bound}) {
    if (auto ok = step(in, out); !ok) {
      return tl::unexpected(ok.error());
    }
  }
  return read_window(in, detail::k_trigger_forms).map([&](Millis window) {
    out.window = window;
    return std::move(out);
  });
}

tl::expected<SuccessCriterion, TriggerError> parse_success(std::string_view text) {
  if (auto bad = check_line(text, detail::k_success_forms)) {
    return tl::unexpected(*bad);
  }
  Cursor in{text};
  in.skip_blanks();
  const std::size_t column = in.at;
  if (in.take(detail::is_word_char) != "stable") {
    in.at = column;
    return fail_at(column, fmt::format("expected 'stable for DURATION', found {}", in.found()),
                   detail::k_success_forms);
  }
  if (in.done()) {
    return fail_at(in.at, "expected 'for DURATION'", detail::k_success_forms);
  }
  auto window = read_window(in, detail::k_success_forms);
  if (!window) {
    return tl::unexpected(window.error());
  }
  if (window->count() == 0) {
    const std::size_t zero = text.find_first_not_of(" \t", text.find("for") + 3);
    return fail_at(zero, "a stable window must be above 0", detail::k_success_forms);
  }
  return SuccessCriterion{*window, std::string(text)};
}

}  // namespace shipcheck::watch
