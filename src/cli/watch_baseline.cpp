#include "cli/watch_baseline.h"

#include <fmt/format.h>

#include "core/duration.h"
#include "store/open.h"

namespace shipcheck::cli {
namespace {

constexpr std::chrono::milliseconds k_default_over{120'000};
// Enough watches back to find one that measured the signal, few enough to read at once.
constexpr int k_watches_searched = 50;

}  // namespace

tl::expected<BaselinePolicy, std::string> baseline_policy(const WatchConfig& watch,
                                                          std::chrono::milliseconds window) {
  BaselinePolicy policy;
  policy.from_previous = watch.baseline_from == "previous";
  policy.over = std::min(k_default_over, window / 4);
  if (!watch.baseline_over.empty()) {
    const auto over = parse_duration(watch.baseline_over);
    if (!over || *over >= window) {
      return tl::make_unexpected(fmt::format(
          "watch.baseline.over '{}' must be shorter than the window", watch.baseline_over));
    }
    policy.over = *over;
  }
  return policy;
}

std::optional<StoredBaseline> stored_baseline(const Config& config, const std::string& name) {
  auto db = store::open_history(store::history_location(config), store::Access::read);
  if (!db || !*db) {
    return std::nullopt;
  }
  for (const auto& watch : (*db)->recent_watches(k_watches_searched, config.service)) {
    if (const auto found = watch.baselines.find(name); found != watch.baselines.end()) {
      return StoredBaseline{found->second, watch.started_at};
    }
  }
  return std::nullopt;
}

void BaselineGate::hold(watch::Trigger trigger, watch::WindowOptions options) {
  m_waiting.push_back(std::move(trigger));
  m_options.push_back(options);
}

std::vector<std::string> BaselineGate::round(std::chrono::milliseconds at,
                                             const watch::Sampler& sampler,
                                             std::vector<watch::TriggerWindow>& windows) {
  for (const auto& trigger : m_waiting) {
    m_log.add(watch::signal_name(trigger), sampler.value(trigger));
  }
  std::vector<std::string> lines;
  if (at < m_over || m_waiting.empty()) {
    return lines;
  }
  for (std::size_t i = 0; i < m_waiting.size(); ++i) {
    const watch::Trigger& trigger = m_waiting[i];
    const std::string name = watch::signal_name(trigger);
    watch::BoundInputs inputs;
    inputs.baseline = m_log.median(name);
    const auto limit = watch::resolve_limit(trigger, inputs);
    if (!inputs.baseline || !limit) {
      lines.push_back(fmt::format("{}: no {} in the first {} to take a baseline from; not judged",
                                  trigger.text, name, watch::format_duration(m_over)));
      continue;
    }
    lines.push_back(fmt::format("{}: baseline {} (median over the first {}); fires beyond {}",
                                trigger.text, watch::format_value(trigger, *inputs.baseline),
                                watch::format_duration(m_over),
                                watch::format_value(trigger, *limit)));
    windows.emplace_back(trigger, *limit, m_options[i]);
  }
  m_waiting.clear();
  m_options.clear();
  return lines;
}

}  // namespace shipcheck::cli
