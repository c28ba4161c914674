// Runner: a small scheduler over worker threads. A hung check's thread is detached and
// abandoned; every other thread is joined before returning, so that no worker is still
// tearing down (thread-locals, OpenSSL's per-thread state) while the process exits.
#include "core/runner.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

namespace shipcheck {
namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  const Check* check = nullptr;
  bool started = false;
  bool finished = false;
  bool abandoned = false;
  Clock::time_point started_at;
  std::chrono::milliseconds timeout{0};  // the check's own (Check::timeout)
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

std::thread start_worker(const std::shared_ptr<State>& state, std::size_t index,
                         const Context& ctx) {
  Slot& slot = state->slots[index];
  slot.started = true;
  slot.started_at = Clock::now();
  const Check* check = slot.check;
  return std::thread([state, index, check, &ctx] {
    auto results = run_one(*check, ctx);
    std::lock_guard lock(state->mutex);
    Slot& done = state->slots[index];
    if (!done.finished) {
      done.results = std::move(results);
      done.finished = true;
    }
    state->changed.notify_all();
  });
}

// Called without the state's lock held: a finished worker still takes it once.
void join_or_abandon(std::vector<std::thread>& threads, const State& state) {
  for (std::size_t i = 0; i < threads.size(); ++i) {
    if (state.slots[i].abandoned) {
      threads[i].detach();
    } else if (threads[i].joinable()) {
      threads[i].join();
    }
  }
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
    Slot slot;
    slot.check = check;
    slot.timeout = check->timeout(ctx, options.timeout);
    state->slots.push_back(std::move(slot));
  }
  const unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  RunOutcome outcome;
  std::vector<std::thread> threads(checks.size());
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
        const auto deadline = slot.started_at + slot.timeout;
        if (Clock::now() >= deadline) {
          slot.results = {slot.check->make(
              Status::error,
              fmt::format("did not finish within {} ms ({}); result inconclusive",
                          slot.timeout.count(),
                          slot.timeout == options.timeout ? "--timeout" : "its own bound"))};
          slot.results.front().duration_ms = slot.timeout.count();
          slot.finished = true;
          slot.abandoned = true;
          outcome.abandoned = true;
        } else {
          ++running;
          earliest_deadline = std::min(earliest_deadline.value_or(deadline), deadline);
        }
      }
      done += slot.finished ? 1 : 0;
    }
    while (running < jobs && next < checks.size()) {
      threads[next] = start_worker(state, next, ctx);
      earliest_deadline = std::min(earliest_deadline.value_or(Clock::time_point::max()),
                                   Clock::now() + state->slots[next].timeout);
      ++next;
      ++running;
    }
    if (options.on_progress) {
      options.on_progress(RunProgress{done, checks.size(), running_ids(*state)});
    }
    if (done < checks.size()) {
      state->changed.wait_until(lock, earliest_deadline.value_or(Clock::now()));
    }
  }
  lock.unlock();
  join_or_abandon(threads, *state);
  for (auto& slot : state->slots) {
    for (auto& r : slot.results) {
      outcome.results.push_back(std::move(r));
    }
  }
  return outcome;
}

}  // namespace shipcheck
