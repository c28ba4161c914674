// `shipcheck watch`: the window after a deploy, watched. Every interval it polls the
// service's health endpoint and samples each rollback trigger's signal (Prometheus, or the
// service's own /metrics); a trigger that stays breached for its `for` fires: the watch says
// why with the evidence, runs watch.on_rollback (with a timeout, its output kept) and exits 1.
// A window that passes (or reaches watch.success, "stable for 30m") exits 0 with a summary.
// Quiet while all is well: a line when a trigger starts or stops breaching, or fires. On a
// terminal, a live frame under those lines shows every trigger's value and recent samples.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/pipeline.h"
#include "cli/watch_plan.h"
#include "cli/watch_view.h"
#include "engines/git/repo.h"
#include "engines/process/process.h"
#include "engines/watch/sampler.h"
#include "engines/watch/window.h"
#include "store/open.h"

namespace shipcheck::cli {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds k_rollback_timeout{300'000};

// The live view on a terminal: the latest frame stays under the event lines and is redrawn
// in place (cursor up, clear to the end of the screen), never on an alternate screen, so
// the last frame and every event line stay in the scrollback. Off, it prints lines only.
class LiveView {
 public:
  LiveView(bool on, bool color) : m_on(on), m_color(color) {}

  // Replaces the frame on screen with `frame`.
  void draw(const WatchFrame& frame) {
    if (!m_on) {
      return;
    }
    const auto [width, rows] = terminal_size();
    const std::string previous = erase_lines(m_lines);
    m_frame = fit_rows(render_watch_frame(frame, width, m_color), rows, width);
    emit(previous + m_frame);
  }

  // Prints `line` (ending in '\n') above the frame, which is drawn again under it.
  void print_above(const std::string& line) {
    emit(m_on ? erase_lines(m_lines) + line + m_frame : line);
  }

 private:
  // Columns and rows; 80 columns and unknown rows (0) when the terminal does not say.
  static std::pair<int, int> terminal_size() {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
      return {80, 0};
    }
    return {size.ws_col, size.ws_row};
  }

  // One write a frame, so the terminal never shows it half erased.
  void emit(const std::string& text) {
    fmt::print("{}", text);
    std::fflush(stdout);
    m_lines = static_cast<int>(std::count(m_frame.begin(), m_frame.end(), '\n'));
  }

  bool m_on;
  bool m_color;
  std::string m_frame;  // on screen under the cursor when m_on
  int m_lines = 0;
};

// Whether the live view fits this output: text on a terminal that moves its cursor.
bool live_view_wanted(const WatchFlags& f) {
  const char* term = std::getenv("TERM");
  return f.format == "text" && !f.no_live && isatty(STDOUT_FILENO) != 0 &&
         (term == nullptr || std::strcmp(term, "dumb") != 0);
}

// Prints events as text lines or JSON lines (above the live view's frame, when on).
class Events {
 public:
  Events(bool json, LiveView& view) : m_json(json), m_view(view) {}
  void say(const std::string& event, milliseconds at, const std::string& text,
           nlohmann::json fields = nlohmann::json::object()) const {
    if (m_json) {
      fields["event"] = event;
      fields["time_s"] = static_cast<double>(at.count()) / 1e3;
      fields["message"] = text;
      m_view.print_above(fields.dump() + "\n");
    } else {
      m_view.print_above(fmt::format("[{}] {}\n", watch::format_duration(at), text));
    }
  }

 private:
  bool m_json;
  LiveView& m_view;
};

// Runs watch.on_rollback with the shell, in the project root; says how it went, and returns
// how it ended ("exit 0"), or "" when none is configured.
std::string roll_back(const Plan& plan, const Events& events, milliseconds at) {
  if (plan.on_rollback.empty()) {
    events.say("rollback", at, "no watch.on_rollback configured: roll back by hand");
    return {};
  }
  process::Command command;
  command.argv = {"/bin/sh", "-c", plan.on_rollback};
  command.cwd = plan.root;
  command.timeout = k_rollback_timeout;
  const auto outcome = process::run(command);
  nlohmann::json fields{
      {"ok", outcome.ok()}, {"status", outcome.status_text()}, {"output", outcome.output}};
  events.say("rollback", at,
             fmt::format("on_rollback ran: {}{}", outcome.status_text(),
                         outcome.last_line().empty() ? "" : ": " + outcome.last_line()),
             fields);
  return outcome.status_text();
}

std::string value_text(const watch::TriggerWindow& w, std::optional<double> value) {
  return value ? watch::format_value(w.trigger(), *value) : std::string("no data");
}

// One round: every trigger fed; true when one fired (or could not be judged), which `record`
// then describes.
bool judge_round(Plan& plan, const watch::Sampler& sampler, const Events& events, milliseconds at,
                 store::WatchRow& record) {
  bool any_breaching = false;
  for (auto& w : plan.triggers) {
    const auto before = w.status().state;
    const auto value = sampler.value(w.trigger());
    const auto& status = w.feed(watch::Sample{at, value});
    const nlohmann::json fields{{"trigger", w.trigger().text},
                                {"value", value ? nlohmann::json(*value) : nlohmann::json()},
                                {"limit", w.limit()}};
    if (status.state == watch::State::fired || status.state == watch::State::error) {
      record.outcome = "fired";
      record.trigger = w.trigger().text;
      record.message = fmt::format("FIRED {} (value {}{})", status.why, value_text(w, value),
                                   value ? "" : "; " + sampler.why(w.trigger()));
      events.say("fired", at, record.message, fields);
      return true;
    }
    if (status.state == watch::State::breaching && before != watch::State::breaching) {
      events.say("breaching", at,
                 fmt::format("{} is breached ({}); it fires if that lasts {}", w.trigger().text,
                             value_text(w, value), watch::format_duration(w.trigger().window)),
                 fields);
    } else if (status.state == watch::State::ok && before == watch::State::breaching) {
      events.say("recovered", at,
                 fmt::format("{} recovered ({})", w.trigger().text, value_text(w, value)), fields);
    }
    any_breaching = any_breaching || status.state == watch::State::breaching;
  }
  if (plan.success) {
    plan.success->feed(at, any_breaching);
  }
  return false;
}

void count_polls(const watch::Sampler& sampler, store::WatchRow& record) {
  record.healthy_polls = sampler.healthy_rounds();
  record.polls = sampler.rounds();
}

// Every signal's value this round (health and availability aside: the store keeps their
// counts), for the medians a later watch may take its baselines from.
void log_signals(watch::SignalLog& log, const std::vector<watch::Trigger>& triggers,
                 const watch::Sampler& sampler) {
  for (const auto& t : triggers) {
    if (t.signal != watch::Signal::health && t.signal != watch::Signal::availability) {
      log.add(watch::signal_name(t), sampler.value(t));
    }
  }
}

// The closing line of a window that held: the health polls' availability and, where the
// service has request metrics, the window's requests, error rate and p95.
// The triggers whose signal had no value in any poll of the window, with the sampler's
// reason: they held only because nothing could breach them, which the closing line says.
std::vector<std::string> unjudged(const Plan& plan, const watch::Sampler& sampler) {
  std::vector<std::string> out;
  for (const auto& w : plan.triggers) {
    const watch::Trigger& t = w.trigger();
    const bool counted =
        t.signal == watch::Signal::health || t.signal == watch::Signal::availability;
    if (!counted && !plan.signals.median(watch::signal_name(t))) {
      out.push_back(fmt::format("{} ({})", t.text, sampler.why(t)));
    }
  }
  return out;
}

void say_passed(const Plan& plan, watch::Sampler& sampler, const Events& events, milliseconds at,
                bool stable, store::WatchRow& record) {
  const double availability = sampler.rounds() > 0 ? static_cast<double>(sampler.healthy_rounds()) /
                                                         static_cast<double>(sampler.rounds())
                                                   : 0.0;
  const watch::WindowSummary summary = sampler.summary(at);
  const std::string metrics = summary.text();
  const auto blind = unjudged(plan, sampler);
  record.message = fmt::format(
      "{}: no trigger fired; health answered {} of {} polls ({:.1f} %){}{}",
      stable ? "stable" : "the window passed", sampler.healthy_rounds(), sampler.rounds(),
      availability * 100, metrics.empty() ? "" : "; " + metrics,
      blind.empty() ? ""
                    : fmt::format("; never had data, so not judged: {}", fmt::join(blind, ", ")));
  const auto or_null = [](std::optional<double> v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  events.say("passed", at, record.message,
             {{"availability", availability},
              {"requests", or_null(summary.requests)},
              {"error_rate", or_null(summary.error_rate)},
              {"p95_s", or_null(summary.p95)},
              {"unjudged", blind}});
}

WatchFrame frame_of(const Plan& plan, const watch::Sampler& sampler, milliseconds at) {
  WatchFrame frame;
  frame.service_url = plan.sources.service_url;
  frame.elapsed = at;
  frame.window = plan.window;
  frame.interval = plan.interval;
  frame.health_up = sampler.up();
  frame.healthy_polls = sampler.healthy_rounds();
  frame.polls = sampler.rounds();
  frame.triggers = plan.triggers;
  for (const auto& t : plan.baselines.waiting()) {
    frame.measuring.push_back(t.text);
  }
  frame.measured_until = plan.baselines.over();
  return frame;
}

int watch_loop(Plan& plan, const Events& events, LiveView& view, store::WatchRow& record) {
  std::vector<watch::Trigger> triggers;
  for (const auto& w : plan.triggers) {
    triggers.push_back(w.trigger());
  }
  const auto& waiting = plan.baselines.waiting();
  triggers.insert(triggers.end(), waiting.begin(), waiting.end());
  watch::Sampler sampler(plan.sources);
  events.say("start", milliseconds(0),
             fmt::format("watching {} for {} every {}: {} trigger{}", plan.sources.service_url,
                         watch::format_duration(plan.window), watch::format_duration(plan.interval),
                         triggers.size(), triggers.size() == 1 ? "" : "s"));
  for (const auto& note : plan.notes) {
    events.say("baseline", milliseconds(0), note);
  }
  const auto start = Clock::now();
  for (auto next = start;; next += plan.interval) {
    std::this_thread::sleep_until(next);
    const auto at = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    sampler.round(triggers);
    log_signals(plan.signals, triggers, sampler);
    for (const auto& line : plan.baselines.round(at, sampler, plan.triggers)) {
      events.say("baseline", at, line);
    }
    const bool fired = judge_round(plan, sampler, events, at, record);
    view.draw(frame_of(plan, sampler, at));
    if (fired) {
      count_polls(sampler, record);
      record.rollback = roll_back(plan, events, at);
      return k_exit_findings;
    }
    const bool stable = plan.success && plan.success->reached();
    if (stable || at + plan.interval > plan.window) {
      count_polls(sampler, record);
      record.outcome = stable ? "stable" : "passed";
      say_passed(plan, sampler, events, at, stable, record);
      return k_exit_ok;
    }
  }
}

// What the store keeps of this watch, before it starts: when, what and which commit.
store::WatchRow begin_record(const Config& config) {
  store::WatchRow record;
  record.started_at = now_rfc3339();
  record.service = config.service;
  record.project = config.root.string();
  record.commit = git::head_commit_or_empty(config.root);
  return record;
}

// Records the watch in the project's history (store: or <root>/.shipcheck/history.db); a
// failure is a warning, never the exit code (the watch's verdict stands).
void store_watch(const store::WatchRow& record, const store::HistoryLocation& where) {
  auto db = store::open_history(where, store::Access::write);
  if (!db) {
    fmt::print(stderr, "warning: watch not recorded: {}\n", db.error());
    return;
  }
  try {
    (*db)->record_watch(record);
  } catch (const std::exception& e) {
    fmt::print(stderr, "warning: watch not recorded: {}\n", e.what());
  }
}

}  // namespace

int watch_command(const Args& args) {
  CLI::App app{"shipcheck watch: the window after a deploy, with rollback triggers",
               "shipcheck watch"};
  WatchFlags f;
  app.add_option("dir", f.dir, "project directory (default: .)");
  app.add_option("--config", f.config, "config file (default: shipcheck.yaml in DIR or above)");
  app.add_option("--for", f.window, "how long to watch (watch.for; default 30m)");
  app.add_option("--interval", f.interval, "how often to sample (watch.interval; default 10s)");
  app.add_option("--format", f.format, "text lines, or json (one event a line)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--no-store", f.no_store, "do not record the watch in .shipcheck/history.db");
  app.add_flag("--no-live", f.no_live,
               "no live view on a terminal: the event lines only, as when piped");
  app.add_flag("--no-color", f.no_color, "no ANSI colours in the live view (also: NO_COLOR set)");
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  auto config = resolve_config_in(f.dir, f.config);
  if (!config) {
    fmt::print(stderr, "shipcheck watch: {}\n", config.error().to_string());
    return k_exit_usage;
  }
  auto plan = make_plan(f, *config);
  if (!plan) {
    fmt::print(stderr, "shipcheck watch: {}\n", plan.error());
    return k_exit_usage;
  }
  LiveView view(live_view_wanted(f), !f.no_color && std::getenv("NO_COLOR") == nullptr);
  const Events events(f.format == "json", view);
  store::WatchRow record = begin_record(*config);
  const auto started = Clock::now();
  const int code = watch_loop(*plan, events, view, record);
  record.baselines = plan->signals.medians();
  record.duration_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
  if (!f.no_store) {
    store_watch(record, store::history_location(*config));
  }
  return code;
}

}  // namespace shipcheck::cli
