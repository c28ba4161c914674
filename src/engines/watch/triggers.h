// The trigger language of `shipcheck watch`: rollback triggers ("error_rate > 5% for 5m",
// "unavailable for 2m") and the success criterion ("stable for 30m"), parsed with located
// errors. Pure: no I/O; the watch loop supplies samples, baselines and capacities.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace shipcheck::watch {

// What a trigger watches. Values arrive in these units (the Prometheus conventions):
//   error_rate     a fraction 0..1 of requests that failed (5xx)
//   availability   a fraction 0..1 of health probes answered 2xx
//   latency        p<N> (a quantile, see Trigger::quantile) and avg_latency, in seconds
//   rps            requests per second
//   db_connections connections in use (a count)
//   query          the scalar a PromQL query returns (Trigger::source holds the query)
//   metric         the current value of one series of the service's own /metrics
//                  (Trigger::source holds "name{label=\"v\"}"): for gauges; a counter
//                  wants query("rate(...)") instead.
//   health         `unavailable` only: 1 when the health endpoint answered 2xx, else 0
enum class Signal {
  error_rate,
  availability,
  latency_quantile,
  avg_latency,
  rps,
  db_connections,
  query,
  metric,
  health
};

enum class Op { gt, ge, lt, le };

// How a bound is given:
//   absolute     `value` is in the signal's unit (a fraction for 80%, seconds for 2s)
//   of_capacity  "80% of pool": `value` is the fraction 0.8 of the capacity the caller
//                supplies under the name `capacity`
//   of_baseline  "1.5 * baseline": `value` is the factor applied to the baseline the caller
//                supplies (measured over the first minutes, or from the previous stored run)
enum class BoundKind { absolute, of_capacity, of_baseline };

struct Bound {
  BoundKind kind = BoundKind::absolute;
  double value = 0;
  std::string capacity;  // for of_capacity: "pool"
};

// One rollback trigger. `unavailable for 2m` is Signal::health with op lt and bound 1.
struct Trigger {
  Signal signal = Signal::error_rate;
  double quantile = 0;  // for latency_quantile: 95 for p95, in (0, 100)
  std::string source;   // for query and metric: the text inside the quotes, unescaped
  Op op = Op::gt;
  Bound bound;
  // How long the breach must last before the trigger fires; 0 (no `for`) fires on the
  // first breaching sample.
  std::chrono::milliseconds window{0};
  std::string text;  // as written
};

// The success criterion "stable for 30m": no trigger breaching for `window`.
struct SuccessCriterion {
  std::chrono::milliseconds window{0};
  std::string text;  // as written
};

// Where the text went wrong: `column` is the 0-based byte offset in the text; `message`
// says what was found, what was expected, and ends with examples of accepted forms.
struct TriggerError {
  std::size_t column = 0;
  std::string message;
};

// Longer input is refused (at column 0): a trigger is one line, and a PromQL query that
// does not fit is better kept as a recording rule.
inline constexpr std::size_t k_max_trigger_bytes = 1024;

// Accepted forms (blanks between tokens optional, also between a number and its unit):
//   SIGNAL OP BOUND [for DURATION]
//   unavailable [for DURATION]
// SIGNAL: error_rate, availability, p<N> (p50, p90, p95, p99, p99.9 ...), avg_latency
// (alias avg), rps, db_connections, query("PROMQL") or metric("SERIES"): the quoted
// string takes '"' or '\'' delimiters and the escapes \" \' \\ only.
// OP: > >= < <=.
// BOUND: a number with the signal's unit; or "N% of NAME" (db_connections, query, metric);
// or "K * baseline" (any signal). Units: error_rate and availability take N% or a
// fraction 0..1; latencies require us, ms, s or m; rps and db_connections a plain number;
// query and metric a plain number, N% (read as N/100) or a duration (read as seconds).
// DURATION: as elsewhere in shipcheck.yaml: 30s, 5m, 1h30m.
// "Performance degradation > 50 %" is written "p95 > 1.5 * baseline"; there is no
// separate `degrades by` form.
tl::expected<Trigger, TriggerError> parse_trigger(std::string_view text);

// "stable for DURATION" (DURATION > 0).
tl::expected<SuccessCriterion, TriggerError> parse_success(std::string_view text);

// The trigger in its canonical spelling, for messages: "error_rate > 5% for 5m",
// "p95 > 1.5 * baseline", "query(\"up == 0\") > 0 for 2m", "unavailable for 2m".
// parse_trigger(to_string(t)) gives back t (up to rounding in the tenth digit).
std::string to_string(const Trigger& trigger);
std::string to_string(const SuccessCriterion& success);

// The trigger's signal alone, as written in it: "p95", "error_rate", "query(\"up\")",
// "unavailable". The key under which a watch's measured baselines are stored.
std::string signal_name(const Trigger& trigger);

// A value of the trigger's signal as a person reads it: "7.2%", "2.3s", "450ms", "120",
// and for `unavailable` "up" (1) or "down" (anything else).
std::string format_value(const Trigger& trigger, double value);

// "5m", "1h30m", "1s500ms", "0s".
std::string format_duration(std::chrono::milliseconds duration);

// `text` with a caret under the error's column and the message: for a CLI argument.
std::string describe(std::string_view text, const TriggerError& error);

}  // namespace shipcheck::watch
