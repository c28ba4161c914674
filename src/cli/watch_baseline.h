// "K * baseline" triggers in `shipcheck watch`: a trigger whose bound is relative waits here
// while the first minutes of the watch measure its signal (the median, see SignalLog), then
// joins the judged triggers with its bound resolved. Or it starts resolved, from the
// baselines the newest stored watch of the service measured.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "engines/watch/sampler.h"
#include "engines/watch/signal_log.h"
#include "engines/watch/window.h"

namespace shipcheck::cli {

// Where baselines come from, and over how long they are measured.
struct BaselinePolicy {
  bool from_previous = false;
  std::chrono::milliseconds over{120'000};
};

// watch.baseline, checked: `over` defaults to 2m but at most a quarter of the window.
tl::expected<BaselinePolicy, std::string> baseline_policy(const WatchConfig& watch,
                                                          std::chrono::milliseconds window);

// The baselines of the newest stored watch of `config.service` that measured `name`, and
// when it started; nullopt when the project has no history or no such watch.
struct StoredBaseline {
  double value = 0;
  std::string started_at;
};
std::optional<StoredBaseline> stored_baseline(const Config& config, const std::string& name);

class BaselineGate {
 public:
  explicit BaselineGate(std::chrono::milliseconds over) : m_over(over) {}

  void hold(watch::Trigger trigger, watch::WindowOptions options);
  const std::vector<watch::Trigger>& waiting() const { return m_waiting; }
  std::chrono::milliseconds over() const { return m_over; }

  // Logs this round's values of the waiting triggers' signals; once `over` has passed,
  // resolves each waiting trigger into `windows` and returns a line for each (its baseline
  // and bound, or why it cannot be judged: no data to take a baseline from).
  std::vector<std::string> round(std::chrono::milliseconds at, const watch::Sampler& sampler,
                                 std::vector<watch::TriggerWindow>& windows);

 private:
  std::chrono::milliseconds m_over;
  std::vector<watch::Trigger> m_waiting;
  std::vector<watch::WindowOptions> m_options;
  watch::SignalLog m_log;
};

}  // namespace shipcheck::cli
