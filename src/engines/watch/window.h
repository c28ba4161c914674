// The time semantics of triggers: a small state machine per trigger, fed samples, that
// fires when a breach has lasted its `for` window (like a Prometheus alerting rule's `for`),
// and the "stable for D" success criterion. Pure: the caller owns the clock and the I/O.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "engines/watch/triggers.h"

namespace shipcheck::watch {

// A point in the watch: time since it started (the caller's monotonic clock).
using Time = std::chrono::milliseconds;

// What a sample without a value (nullopt or NaN: the query returned nothing, Prometheus did
// not answer) means for a trigger:
//   ignore  skipped: neither breaches nor ends a breach (a breach run continues across it)
//   breach  counts as a breaching sample (its value shows as "no data")
//   fail    the evaluator goes to State::error: the trigger cannot be judged
enum class NoData { ignore, breach, fail };

// `unavailable` gets breach (a health endpoint that does not answer is unavailable); every
// other trigger ignore (no traffic, no error rate).
NoData default_no_data(const Trigger& trigger);

// What the caller knows when relative bounds are resolved.
struct BoundInputs {
  std::optional<double> baseline;                         // in the signal's unit
  std::map<std::string, double, std::less<>> capacities;  // "pool" -> 100
};

// The trigger's bound in its signal's unit: the absolute value, K * baseline or the share
// of the named capacity; an error when the baseline or the capacity is missing (or not a
// finite number >= 0).
tl::expected<double, std::string> resolve_limit(const Trigger& trigger, const BoundInputs& in);

// Whether `value` is on the wrong side of `limit` for `trigger`'s operator.
bool breaches(const Trigger& trigger, double limit, double value);

struct WindowOptions {
  NoData on_no_data = NoData::ignore;
  // How many consecutive non-breaching samples end a breach run. 1 (the default) is
  // Prometheus' behaviour: a single good sample resets the `for` clock, so a flapping signal
  // that never stays bad for the whole window never fires. k > 1 lets a run survive dips of
  // fewer than k good samples (the `for` clock keeps running through them, but the trigger
  // fires only on a breaching sample). Values below 1 are read as 1.
  int flap_tolerance = 1;
};

struct Sample {
  Time time{0};
  std::optional<double> value;  // nullopt: no data
};

enum class State { ok, breaching, fired, error };

// The current breach run, or in State::ok the last one that ended (samples == 0: none yet).
// Constant memory: first, last and worst only.
struct Evidence {
  Time first_time{0};
  Time last_time{0};
  std::optional<double> first_value;  // nullopt: no data counted as a breach
  std::optional<double> last_value;
  std::optional<double> worst_value;  // the highest for > and >=, the lowest for < and <=
  std::int64_t samples = 0;           // breaching samples in the run
};

struct Status {
  State state = State::ok;
  Time since{0};    // breaching, fired: when the run began (its first breaching sample)
  Time at{0};       // fired, error: the sample that fired it or could not be judged
  std::string why;  // fired, error: one line for the report
  Evidence evidence;
};

// The last k_sparkline_size sample values (nullopt: no data), for a sparkline.
inline constexpr std::size_t k_sparkline_size = 60;

// One trigger's `for` semantics. It fires on a breaching sample at time t when every
// sample since the run's first breaching sample t0 breached (up to flap_tolerance) and
// t - t0 >= window; with no window, on the first breaching sample. A breach shorter than
// the window does not fire. fired and error are final: later samples only feed recent().
class TriggerWindow {
 public:
  // `limit` is the trigger's resolved bound (resolve_limit).
  TriggerWindow(Trigger trigger, double limit, WindowOptions options = {});

  // Takes the next sample; times must not decrease (an earlier one is an error state).
  const Status& feed(const Sample& sample);

  const Status& status() const { return m_status; }
  const Trigger& trigger() const { return m_trigger; }
  double limit() const { return m_limit; }
  // Up to k_sparkline_size values, oldest first.
  std::vector<std::optional<double>> recent() const;

 private:
  void remember(std::optional<double> value);
  void on_breach(Time time, std::optional<double> value);
  void on_calm();
  void fail(Time time, std::string why);
  std::string fired_why() const;

  Trigger m_trigger;
  double m_limit;
  WindowOptions m_options;
  Status m_status;
  std::optional<Time> m_last_time;
  int m_calm_run = 0;  // consecutive non-breaching samples inside a breach run
  std::array<std::optional<double>, k_sparkline_size> m_recent{};
  std::size_t m_recent_next = 0;
  std::size_t m_recent_count = 0;
};

// "stable for D": reached once no trigger has been breaching for D. The caller feeds, at
// each poll, whether any trigger was breaching (or had fired). The calm run starts at the
// first calm sample (after the last breaching one); reached when a calm sample comes at
// least D after it. Reached is final. Samples earlier than the previous one are ignored.
class StableWindow {
 public:
  explicit StableWindow(std::chrono::milliseconds window);

  // Returns reached().
  bool feed(Time time, bool any_breaching);

  bool reached() const { return m_reached_at.has_value(); }
  std::optional<Time> reached_at() const { return m_reached_at; }
  std::optional<Time> calm_since() const { return m_calm_since; }
  std::chrono::milliseconds window() const { return m_window; }

 private:
  std::chrono::milliseconds m_window;
  std::optional<Time> m_last_time;
  std::optional<Time> m_calm_since;
  std::optional<Time> m_reached_at;
};

}  // namespace shipcheck::watch
