// Runner: a small scheduler over detached threads so that a hung check can be abandoned.
#include "core/runner.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

namespace shipcheck {
namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  const Check* check = nullptr;
  bool started = false;
  bool finished = false;
  Clock::time_point started_at;
  std::vector<Result> results;
};

// Shared with the worker threads, so that an abandoned worker never touches freed memory.
struct State {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Slot> slots;
};

std::vector<Result> run_one(const Check& check, const Context& ctx) {
  const auto start = Clock::now();
  std::vector<Result> results;
  try {
    results = check.run(ctx);
  } catch (const std::exception& e) {
    results = {check.make(Status::error, fmt::format("check failed: {}", e.what()))};
  } catch (...) {
    results = {check.make(Status::error, "check failed with an unknown exception")};
  }
  if (results.empty()) {
    results = {check.make(Status::error, "check returned no result")};
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  for (auto& r : results) {
    r.duration_ms = ms;
  }
  return results;
}

void start_worker(const std::shared_ptr<State>& state, std::size_t index, const Context& ctx) {
  Slot& slot = state->slots[index];
  slot.started = true;
  slot.started_at = Clock::now();
  const Check* check = slot.check;
  std::thread([state, index, check, &ctx] {
    auto results = run_one(*check, ctx);
    std::lock_guard lock(state->mutex);
    Slot& done = state->slots[index];
    if (!done.finished) {
      done.results = std::move(results);
      done.finished = true;
    }
    state->changed.notify_all();
  }).detach();
}

std::string running_ids(const State& state) {
  std::string ids;
  for (const auto& slot : state.slots) {
    if (slot.started && !slot.finished) {
      ids += (ids.empty() ? "" : " ") + slot.check->info().id;
    }
  }
  return ids;
}

}  // namespace

RunOutcome run_checks(const std::vector<const Check*>& checks, const Context& ctx,
                      const RunOptions& options) {
  auto state = std::make_shared<State>();
  for (const Check* check : checks) {
    state->slots.push_back(Slot{check, false, false, {}, {}});
  }
  const unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  RunOutcome outcome;
  std::size_t next = 0;
  std::size_t done = 0;
  std::unique_lock lock(state->mutex);
  while (done < checks.size()) {
    std::size_t running = 0;
    std::optional<Clock::time_point> earliest_deadline;
    done = 0;
    for (std::size_t i = 0; i < state->slots.size(); ++i) {
      Slot& slot = state->slots[i];
      if (slot.started && !slot.finished) {
        const auto deadline = slot.started_at + options.timeout;
        if (Clock::now() >= deadline) {
          slot.results = {slot.check->make(
              Status::error,
              fmt::format("did not finish within {} ms (--timeout); result inconclusive",
                          options.timeout.count()))};
          slot.results.front().duration_ms = options.timeout.count();
          slot.finished = true;
          outcome.abandoned = true;
        } else {
          ++running;
          earliest_deadline = std::min(earliest_deadline.value_or(deadline), deadline);
        }
      }
      done += slot.finished ? 1 : 0;
    }
    while (running < jobs && next < checks.size()) {
      start_worker(state, next++, ctx);
      ++running;
      earliest_deadline = std::min(earliest_deadline.value_or(Clock::time_point::max()),
                                   Clock::now() + options.timeout);
    }
    if (options.on_progress) {
      options.on_progress(RunProgress{done, checks.size(), running_ids(*state)});
    }
    if (done < checks.size()) {
      state->changed.wait_until(lock, earliest_deadline.value_or(Clock::now()));
    }
  }
  for (auto& slot : state->slots) {
    for (auto& r : slot.results) {
      outcome.results.push_back(std::move(r));
    }
  }
  return outcome;
}

}  // namespace shipcheck
