// The `for` state machine of a trigger and the "stable for" criterion.
#include "engines/watch/window.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace shipcheck::watch {
namespace {

bool is_upper_bound(Op op) {
  return op == Op::gt || op == Op::ge;
}

std::string value_text(const Trigger& trigger, const std::optional<double>& value) {
  return value ? format_value(trigger, *value) : "no data";
}

bool usable(double value) {
  return std::isfinite(value) && value >= 0;
}

}  // namespace

NoData default_no_data(const Trigger& trigger) {
  return trigger.signal == Signal::health ? NoData::breach : NoData::ignore;
}

tl::expected<double, std::string> resolve_limit(const Trigger& trigger, const BoundInputs& in) {
  const Bound& b = trigger.bound;
  switch (b.kind) {
    case BoundKind::absolute:
      return b.value;
    case BoundKind::of_baseline:
      if (!in.baseline || !usable(*in.baseline)) {
        return tl::unexpected(
            fmt::format("'{}' needs a baseline and none is known yet", to_string(trigger)));
      }
      return b.value * *in.baseline;
    case BoundKind::of_capacity:
      break;
  }
  const auto found = in.capacities.find(b.capacity);
  if (found == in.capacities.end() || !usable(found->second)) {
    return tl::unexpected(fmt::format("'{}' needs the capacity '{}' and it is not known",
                                      to_string(trigger), b.capacity));
  }
  return b.value * found->second;
}

bool breaches(const Trigger& trigger, double limit, double value) {
  switch (trigger.op) {
    case Op::gt:
      return value > limit;
    case Op::ge:
      return value >= limit;
    case Op::lt:
      return value < limit;
    case Op::le:
      break;
  }
  return value <= limit;
}

TriggerWindow::TriggerWindow(Trigger trigger, double limit, WindowOptions options)
    : m_trigger(std::move(trigger)), m_limit(limit), m_options(options) {
  m_options.flap_tolerance = std::max(1, m_options.flap_tolerance);
}

const Status& TriggerWindow::feed(const Sample& sample) {
  std::optional<double> value = sample.value;
  if (value && std::isnan(*value)) {
    value.reset();
  }
  remember(value);
  if (m_status.state == State::fired || m_status.state == State::error) {
    return m_status;
  }
  if (m_last_time && sample.time < *m_last_time) {
    fail(sample.time, fmt::format("a sample at {} came after one at {}",
                                  format_duration(sample.time), format_duration(*m_last_time)));
    return m_status;
  }
  m_last_time = sample.time;
  if (!value) {
    if (m_options.on_no_data == NoData::fail) {
      fail(sample.time,
           fmt::format("'{}': no data at {}", to_string(m_trigger), format_duration(sample.time)));
    } else if (m_options.on_no_data == NoData::breach) {
      on_breach(sample.time, std::nullopt);
    }
    return m_status;
  }
  if (breaches(m_trigger, m_limit, *value)) {
    on_breach(sample.time, value);
  } else {
    on_calm();
  }
  return m_status;
}

void TriggerWindow::on_breach(Time time, std::optional<double> value) {
  Evidence& e = m_status.evidence;
  m_calm_run = 0;
  if (m_status.state == State::ok) {
    m_status.state = State::breaching;
    m_status.since = time;
    e = Evidence{time, time, value, value, value, 0};
  }
  e.last_time = time;
  e.last_value = value;
  ++e.samples;
  if (value && (!e.worst_value || (is_upper_bound(m_trigger.op) ? *value > *e.worst_value
                                                                : *value < *e.worst_value))) {
    e.worst_value = value;
  }
  if (time - m_status.since >= m_trigger.window) {
    m_status.state = State::fired;
    m_status.at = time;
    m_status.why = fired_why();
  }
}

void TriggerWindow::on_calm() {
  if (m_status.state == State::breaching && ++m_calm_run >= m_options.flap_tolerance) {
    m_status.state = State::ok;
    m_calm_run = 0;
  }
}

void TriggerWindow::fail(Time time, std::string why) {
  m_status.state = State::error;
  m_status.at = time;
  m_status.why = std::move(why);
}

// "error_rate > 5% for 5m: breached for 5m10s (12 samples, 6.1% then 7.2%, worst 8%)".
std::string TriggerWindow::fired_why() const {
  const Evidence& e = m_status.evidence;
  const std::string worst =
      e.worst_value ? fmt::format(", worst {}", format_value(m_trigger, *e.worst_value)) : "";
  if (e.samples == 1) {
    return fmt::format("{}: {} at {}", to_string(m_trigger), value_text(m_trigger, e.last_value),
                       format_duration(e.last_time));
  }
  return fmt::format("{}: breached for {} ({} samples, {} then {}{})", to_string(m_trigger),
                     format_duration(e.last_time - e.first_time), e.samples,
                     value_text(m_trigger, e.first_value), value_text(m_trigger, e.last_value),
                     worst);
}

void TriggerWindow::remember(std::optional<double> value) {
  m_recent[m_recent_next] = value;
  m_recent_next = (m_recent_next + 1) % k_sparkline_size;
  m_recent_count = std::min(m_recent_count + 1, k_sparkline_size);
}

std::vector<std::optional<double>> TriggerWindow::recent() const {
  std::vector<std::optional<double>> out;
  out.reserve(m_recent_count);
  const std::size_t start = (m_recent_next + k_sparkline_size - m_recent_count) % k_sparkline_size;
  for (std::size_t i = 0; i < m_recent_count; ++i) {
    out.push_back(m_recent[(start + i) % k_sparkline_size]);
  }
  return out;
}

StableWindow::StableWindow(std::chrono::milliseconds window) : m_window(window) {}

bool StableWindow::feed(Time time, bool any_breaching) {
  if (reached() || (m_last_time && time < *m_last_time)) {
    return reached();
  }
  m_last_time = time;
  if (any_breaching) {
    m_calm_since.reset();
    return false;
  }
  if (!m_calm_since) {
    m_calm_since = time;
  }
  if (time - *m_calm_since >= m_window) {
    m_reached_at = time;
  }
  return reached();
}

}  // namespace shipcheck::watch
