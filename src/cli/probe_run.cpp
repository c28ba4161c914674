// Many probe targets at once (see probe_run.h).
#include "cli/probe_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include "checks/http/live.h"
#include "cli/options.h"
#include "core/score.h"

namespace shipcheck::cli {
namespace {

using RunResult = tl::expected<RunOutput, ParseError>;

// Calls work(i) for every i below `count` on at most `parallel` threads (this one among
// them). An exception ends only its own item; the first, in index order, is rethrown once
// every thread has finished.
void for_each_concurrently(std::size_t count, unsigned parallel,
                           const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(count);
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t threads = std::min<std::size_t>(std::max(1U, parallel), count);
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t) {
      helpers.emplace_back(worker);
    }
    worker();
  }  // joined here
  for (const auto& error : errors) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
}

// Whether the selection has a check in `round`; an unknown --only or --skip id is an error,
// found once here rather than once per target.
tl::expected<bool, ParseError> selects_any(const RunRequest& request, Round round) {
  auto selected = select_checks(full_registry(), *request.given_config, request);
  if (!selected) {
    return tl::make_unexpected(ParseError{"command line", 0, 0, selected.error(), ""});
  }
  return std::any_of(selected->begin(), selected->end(),
                     [&](const Check* c) { return in_round(*c, round); });
}

std::vector<RunResult> run_round(const ProbePlan& plan, Round round) {
  std::vector<RunResult> outputs(plan.requests.size(), RunOutput{});
  const auto run_one = [&](std::size_t i) {
    RunRequest request = plan.requests[i];
    request.round = round;
    outputs[i] = execute_run(full_registry(), request);
  };
  if (round != Round::disturbing) {
    for_each_concurrently(plan.requests.size(), plan.parallel, run_one);
    return outputs;
  }
  // One host's targets in sequence: its rate limit sees one burst at a time, as when one
  // target is probed; different hosts in parallel.
  std::map<std::string, std::vector<std::size_t>> by_host;
  for (std::size_t i = 0; i < plan.requests.size(); ++i) {
    by_host[checks::live::host_of_url(plan.requests[i].given_config->url)].push_back(i);
  }
  std::vector<std::vector<std::size_t>> groups;
  for (auto& [host, indexes] : by_host) {
    groups.push_back(std::move(indexes));
  }
  for_each_concurrently(groups.size(), plan.parallel, [&](std::size_t g) {
    for (const std::size_t i : groups[g]) {
      run_one(i);
    }
  });
  return outputs;
}

// The targets' reports as one: results target by target, each target's ordinary results
// before its disturbing ones (as a single run orders them).
Report merge(std::vector<RunResult>& ordinary, std::vector<RunResult>& disturbing) {
  Report merged;
  merged.min_score = ordinary.front()->report.min_score;
  std::set<std::string> notices;
  for (std::size_t i = 0; i < ordinary.size(); ++i) {
    for (auto* round : {&ordinary, &disturbing}) {
      if (round->empty()) {
        continue;
      }
      Report& part = (*round)[i]->report;
      std::move(part.results.begin(), part.results.end(), std::back_inserter(merged.results));
      notices.insert(part.notices.begin(), part.notices.end());
    }
  }
  merged.notices.assign(notices.begin(), notices.end());
  return merged;
}

}  // namespace

tl::expected<GatedRun, ParseError> run_probes(const ProbePlan& plan, Severity fail_on,
                                              std::string_view fail_on_text) {
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_rfc3339();
  auto disturbs = selects_any(plan.requests.front(), Round::disturbing);
  if (!disturbs) {
    return tl::make_unexpected(disturbs.error());
  }
  std::vector<RunResult> ordinary = run_round(plan, Round::ordinary);
  std::vector<RunResult> disturbing;
  if (*disturbs) {
    disturbing = run_round(plan, Round::disturbing);
  }
  for (const auto* round : {&ordinary, &disturbing}) {
    for (const auto& output : *round) {
      if (!output) {
        return tl::make_unexpected(output.error());
      }
    }
  }
  GatedRun run{merge(ordinary, disturbing), 0};
  run.report.service = plan.service;
  run.report.started_at = started_at;
  decide_verdict(run.report);
  run.report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
  run.failing = apply_fail_on(run.report, fail_on, fail_on_text);
  return run;
}

}  // namespace shipcheck::cli
