// Score, summary and verdict.
#include "core/score.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace shipcheck {
namespace {

bool applicable(const Result& r) {
  return r.status != Status::skip && !r.suppressed;
}

bool blocks(const Result& r) {
  return applicable(r) && r.status == Status::fail &&
         (r.severity == Severity::critical || r.severity == Severity::high);
}

}  // namespace

int compute_score(const std::vector<Result>& results) {
  long total = 0;
  long passed = 0;
  for (const auto& r : results) {
    if (!applicable(r) || r.status == Status::manual) {
      continue;
    }
    total += weight(r.severity);
    if (r.status == Status::pass) {
      passed += weight(r.severity);
    }
  }
  return total == 0 ? 100 : static_cast<int>((100 * passed) / total);
}

Summary summarize(const std::vector<Result>& results, const std::vector<ManualRecord>& manual) {
  Summary s;
  for (const auto& r : results) {
    switch (r.status) {
      case Status::pass:
        ++s.pass;
        break;
      case Status::fail:
        ++s.fail;
        break;
      case Status::warn:
        ++s.warn;
        break;
      case Status::skip:
        ++s.skip;
        break;
      case Status::error:
        ++s.error;
        break;
      case Status::manual:
        ++s.manual;
        break;
    }
  }
  for (const auto& m : manual) {
    if (!m.signed_off_by) {
      ++s.manual;
    }
  }
  return s;
}

void decide_verdict(Report& report) {
  report.score = compute_score(report.results);
  report.summary = summarize(report.results, report.manual);
  report.decided_by.clear();
  // One line per blocking rule: many findings of one rule (18 tracked .env files) name the
  // first and count the rest, so the closing line stays readable.
  std::vector<std::pair<const Result*, int>> blocking;
  for (const auto& r : report.results) {
    if (!blocks(r)) {
      continue;
    }
    auto same = std::find_if(blocking.begin(), blocking.end(),
                             [&](const auto& b) { return b.first->rule == r.rule; });
    if (same == blocking.end()) {
      blocking.emplace_back(&r, 1);
    } else {
      ++same->second;
    }
  }
  for (const auto& [r, count] : blocking) {
    report.decided_by.push_back(
        count == 1 ? fmt::format("{} {} ({})", r->rule, r->message, to_string(r->severity))
                   : fmt::format("{} {} ({}; and {} more)", r->rule, r->message,
                                 to_string(r->severity), count - 1));
  }
  std::vector<std::string> unsigned_items;
  for (const auto& m : report.manual) {
    if (m.required && !m.signed_off_by) {
      unsigned_items.push_back(fmt::format("'{}'", m.id));
    }
  }
  // An imported checklist has dozens of manual items: past a few, name three and count.
  constexpr std::size_t k_named = 3;
  if (unsigned_items.size() <= k_named) {
    for (const auto& id : unsigned_items) {
      report.decided_by.push_back(fmt::format("manual item {} is not signed off", id));
    }
  } else {
    report.decided_by.push_back(fmt::format(
        "{} required manual items are not signed off ({} and {} more)", unsigned_items.size(),
        fmt::join(unsigned_items.begin(), unsigned_items.begin() + k_named, ", "),
        unsigned_items.size() - k_named));
  }
  if (report.score < report.min_score) {
    report.decided_by.push_back(
        fmt::format("score {} is below the minimum {}", report.score, report.min_score));
  }
  report.ready = report.decided_by.empty();
}

}  // namespace shipcheck
