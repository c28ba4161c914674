// Triggers back to text: the canonical spelling for messages, durations, and a caret under
// a parse error.
#include <fmt/format.h>

#include "engines/watch/triggers.h"

namespace shipcheck::watch {
namespace {

std::string escaped_string(std::string_view body) {
  std::string out = "\"";
  for (const char c : body) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string signal_name(const Trigger& t) {
  switch (t.signal) {
    case Signal::error_rate:
      return "error_rate";
    case Signal::availability:
      return "availability";
    case Signal::latency_quantile:
      return fmt::format("p{:.10g}", t.quantile);
    case Signal::avg_latency:
      return "avg_latency";
    case Signal::rps:
      return "rps";
    case Signal::db_connections:
      return "db_connections";
    case Signal::query:
      return "query(" + escaped_string(t.source) + ")";
    case Signal::metric:
      return "metric(" + escaped_string(t.source) + ")";
    case Signal::health:
      break;
  }
  return "unavailable";
}

namespace {

std::string_view op_text(Op op) {
  switch (op) {
    case Op::gt:
      return ">";
    case Op::ge:
      return ">=";
    case Op::lt:
      return "<";
    case Op::le:
      break;
  }
  return "<=";
}

std::string absolute_text(const Trigger& t, double value) {
  switch (t.signal) {
    case Signal::error_rate:
    case Signal::availability:
      return fmt::format("{:.10g}%", value * 100);
    case Signal::latency_quantile:
    case Signal::avg_latency:
      return value >= 1 ? fmt::format("{:.10g}s", value) : fmt::format("{:.10g}ms", value * 1000);
    default:
      return fmt::format("{:.10g}", value);
  }
}

std::string bound_text(const Trigger& t) {
  switch (t.bound.kind) {
    case BoundKind::of_capacity:
      return fmt::format("{:.10g}% of {}", t.bound.value * 100, t.bound.capacity);
    case BoundKind::of_baseline:
      return fmt::format("{:.10g} * baseline", t.bound.value);
    case BoundKind::absolute:
      break;
  }
  return absolute_text(t, t.bound.value);
}

}  // namespace

std::string to_string(const Trigger& trigger) {
  std::string out = signal_name(trigger);
  if (trigger.signal != Signal::health) {
    out += fmt::format(" {} {}", op_text(trigger.op), bound_text(trigger));
  }
  if (trigger.window.count() > 0) {
    out += " for " + format_duration(trigger.window);
  }
  return out;
}

std::string to_string(const SuccessCriterion& success) {
  return "stable for " + format_duration(success.window);
}

std::string format_value(const Trigger& trigger, double value) {
  if (trigger.signal == Signal::health) {
    return value >= 1 ? "up" : "down";
  }
  return absolute_text(trigger, value);
}

std::string format_duration(std::chrono::milliseconds duration) {
  static constexpr std::pair<std::int64_t, std::string_view> k_units[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  std::int64_t left = duration.count();
  if (left <= 0) {
    return "0s";
  }
  std::string out;
  for (const auto& [ms, unit] : k_units) {
    if (left >= ms) {
      out += fmt::format("{}{}", left / ms, unit);
      left %= ms;
    }
  }
  return out;
}

std::string describe(std::string_view text, const TriggerError& error) {
  std::string pad;
  for (std::size_t i = 0; i < error.column && i < text.size(); ++i) {
    pad += text[i] == '\t' ? '\t' : ' ';
  }
  return fmt::format("  {}\n  {}^ {}", text, pad, error.message);
}

}  // namespace shipcheck::watch
