#include "cli/watch_plan.h"

#include <fmt/format.h>

#include "cli/watch_inputs.h"
#include "core/duration.h"
#include "engines/load/target.h"

namespace shipcheck::cli {
namespace {

using std::chrono::milliseconds;

// The trigger's `on_no_data` as configured, else its signal's default.
watch::NoData no_data_policy(const watch::Trigger& trigger,
                             const std::vector<std::string>& configured, std::size_t index) {
  const std::string policy = index < configured.size() ? configured[index] : std::string();
  if (policy == "ignore") {
    return watch::NoData::ignore;
  }
  if (policy == "breach") {
    return watch::NoData::breach;
  }
  if (policy == "fail") {
    return watch::NoData::fail;
  }
  return watch::default_no_data(trigger);
}

// A "K * baseline" trigger: resolved from the newest stored watch's baseline (with
// `from: previous`, when one measured the signal), else held while this watch measures it.
void add_baseline_trigger(Plan& plan, const Config& config, const BaselinePolicy& policy,
                          watch::Trigger trigger, watch::WindowOptions options) {
  const std::string name = watch::signal_name(trigger);
  if (policy.from_previous) {
    if (const auto stored = stored_baseline(config, name)) {
      watch::BoundInputs inputs;
      inputs.baseline = stored->value;
      if (const auto limit = watch::resolve_limit(trigger, inputs)) {
        plan.notes.push_back(fmt::format("{}: baseline {} from the watch of {}; fires beyond {}",
                                         trigger.text, watch::format_value(trigger, stored->value),
                                         stored->started_at, watch::format_value(trigger, *limit)));
        plan.triggers.emplace_back(std::move(trigger), *limit, options);
        return;
      }
    }
    plan.notes.push_back(
        fmt::format("{}: no stored watch measured {}: measuring it over the "
                    "first {}",
                    trigger.text, name, watch::format_duration(policy.over)));
  }
  plan.baselines.hold(std::move(trigger), options);
}

// Parses the rollback triggers, gathers what their signals and bounds need (the database,
// capacities) and adds one window per trigger to `plan`.
tl::expected<void, std::string> add_triggers(Plan& plan, const Config& config) {
  std::vector<watch::Trigger> triggers;
  for (const auto& text : config.watch->rollback_when) {
    auto trigger = watch::parse_trigger(text);
    if (!trigger) {  // the loader rejects these
      return tl::make_unexpected(
          fmt::format("watch.rollback_when '{}': {}", text, trigger.error().message));
    }
    triggers.push_back(std::move(*trigger));
  }
  auto inputs = gather_watch_inputs(config, triggers);
  if (!inputs) {
    return tl::make_unexpected(inputs.error());
  }
  plan.sources.database_url = inputs->database_url;
  plan.sources.prometheus_token = inputs->prometheus_token;
  plan.sources.prometheus_username = inputs->prometheus_username;
  plan.sources.prometheus_password = inputs->prometheus_password;
  const auto policy = baseline_policy(*config.watch, plan.window);
  if (!policy) {
    return tl::make_unexpected(policy.error());
  }
  plan.baselines = BaselineGate(policy->over);
  watch::BoundInputs bounds;
  bounds.capacities = inputs->capacities;
  for (std::size_t i = 0; i < triggers.size(); ++i) {
    watch::Trigger& trigger = triggers[i];
    if (auto why = watch::unsupported(trigger, plan.sources)) {
      return tl::make_unexpected(fmt::format("watch.rollback_when '{}': {}", trigger.text, *why));
    }
    watch::WindowOptions options;
    options.on_no_data = no_data_policy(trigger, config.watch->rollback_no_data, i);
    if (trigger.bound.kind == watch::BoundKind::of_baseline) {
      add_baseline_trigger(plan, config, *policy, std::move(trigger), options);
      continue;
    }
    auto limit = watch::resolve_limit(trigger, bounds);
    if (!limit) {
      return tl::make_unexpected(
          fmt::format("watch.rollback_when '{}': {}", trigger.text, limit.error()));
    }
    plan.triggers.emplace_back(std::move(trigger), *limit, options);
  }
  return {};
}

}  // namespace

tl::expected<Plan, std::string> make_plan(const WatchFlags& f, const Config& config) {
  if (!config.watch) {
    return tl::make_unexpected("no watch: section in shipcheck.yaml (its triggers are the point)");
  }
  const WatchConfig& w = *config.watch;
  Plan plan;
  plan.root = config.root;
  const std::string window = !f.window.empty() ? f.window : w.window;
  const std::string interval = !f.interval.empty() ? f.interval : w.interval;
  if (!window.empty()) {
    auto d = parse_duration(window);
    if (!d || d->count() <= 0) {
      return tl::make_unexpected(fmt::format("--for '{}' is not a duration (30m, 90s)", window));
    }
    plan.window = *d;
  }
  if (!interval.empty()) {
    auto d = parse_duration(interval);
    if (!d || d->count() <= 0) {
      return tl::make_unexpected(fmt::format("--interval '{}' is not a duration (10s)", interval));
    }
    plan.interval = *d;
  }
  if (config.url.empty()) {
    return tl::make_unexpected("no url: in shipcheck.yaml: the watch polls its health endpoint");
  }
  plan.sources.service_url = load::origin_of(config.url);
  if (!config.endpoints.health.empty()) {
    plan.sources.health_path = config.endpoints.health;
  }
  plan.sources.prometheus = w.prometheus;
  if (!w.rate_window.empty()) {
    auto d = parse_duration(w.rate_window);
    if (!d || d->count() < 1'000) {
      return tl::make_unexpected(
          fmt::format("watch.rate_window '{}' is shorter than a second", w.rate_window));
    }
    plan.sources.rate_window = fmt::format("{}s", d->count() / 1'000);
  }
  plan.sources.http.resolve = config.tls.resolve;
  if (!config.tls.ca_file.empty()) {
    plan.sources.http.ca_file = (config.root / config.tls.ca_file).string();
  }
  plan.sources.http.timeout = std::min(plan.interval, milliseconds(10'000));
  plan.sources.http.connect_timeout = std::min(plan.interval, milliseconds(5'000));
  if (auto added = add_triggers(plan, config); !added) {
    return tl::make_unexpected(added.error());
  }
  if (!w.success.empty()) {
    if (auto success = watch::parse_success(w.success)) {
      plan.success.emplace(success->window);
    }
  }
  plan.on_rollback = w.on_rollback;
  return plan;
}

}  // namespace shipcheck::cli
