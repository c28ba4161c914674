// `shipcheck watch`'s plan: the flags and the config's watch section turned into the
// window, the sources to sample and one TriggerWindow per rollback trigger (capacities,
// credentials and baselines resolved), before the loop starts.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cli/watch_baseline.h"
#include "config/config.h"
#include "engines/watch/sampler.h"
#include "engines/watch/signal_log.h"
#include "engines/watch/window.h"

namespace shipcheck::cli {

struct WatchFlags {
  std::string dir = ".";
  std::string config;
  std::string window;
  std::string interval;
  std::string format = "text";
  bool no_store = false;
  bool no_live = false;
  bool no_color = false;
};

struct Plan {
  std::chrono::milliseconds window{1'800'000};
  std::chrono::milliseconds interval{10'000};
  std::vector<watch::TriggerWindow> triggers;
  std::optional<watch::StableWindow> success;
  watch::SourceOptions sources;
  std::string on_rollback;
  std::filesystem::path root;
  BaselineGate baselines{
      std::chrono::milliseconds(120'000)};  // "K * baseline" triggers still measuring
  std::vector<std::string> notes;           // said after the start line
  watch::SignalLog signals;                 // every signal's values, for the store
};

// Checks the flags and watch: section and builds the plan; the error is one line for stderr.
tl::expected<Plan, std::string> make_plan(const WatchFlags& flags, const Config& config);

}  // namespace shipcheck::cli
