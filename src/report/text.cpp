// Text report: grouped by family, failures first, passes collapsed, verdict on the last line.
#include "report/text.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::report {
namespace {

constexpr std::string_view k_red = "31";
constexpr std::string_view k_green = "32";
constexpr std::string_view k_yellow = "33";
constexpr std::string_view k_dim = "2";
constexpr std::string_view k_bold = "1";
constexpr std::string_view k_bold_red = "1;31";
constexpr std::string_view k_bold_green = "1;32";
constexpr std::string_view k_detail_indent = "         ";  // under the message column

// ANSI styling that degrades to plain text; nothing else in this file emits escape codes.
class Painter {
 public:
  explicit Painter(bool color) : m_color(color) {}
  std::string operator()(std::string_view text, std::string_view code) const {
    return m_color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }

 private:
  bool m_color;
};

std::string_view tag(Status status) {
  switch (status) {
    case Status::fail:
      return "FAIL";
    case Status::error:
      return "ERROR (inconclusive)";
    case Status::warn:
      return "WARN";
    case Status::manual:
      return "TODO";
    case Status::pass:
      return "PASS";
    case Status::skip:
      return "SKIP";
  }
  return "ERROR (inconclusive)";
}

std::string_view tag_color(Status status) {
  switch (status) {
    case Status::fail:
    case Status::error:
      return k_red;
    case Status::warn:
    case Status::manual:
      return k_yellow;
    case Status::pass:
      return k_green;
    case Status::skip:
      return k_dim;
  }
  return k_red;
}

bool needs_action(Status status) {
  return display_rank(status) <= display_rank(Status::manual);
}

struct FamilyGroup {
  std::string name;
  std::vector<const Result*> shown;       // sorted by rank, then severity, then input order
  std::vector<const Result*> suppressed;  // in input order
};

std::vector<FamilyGroup> group_by_family(const std::vector<Result>& results) {
  std::vector<FamilyGroup> groups;
  for (const auto& r : results) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const FamilyGroup& g) { return g.name == r.family; });
    if (it == groups.end()) {
      it = groups.insert(groups.end(), FamilyGroup{r.family, {}, {}});
    }
    (r.suppressed ? it->suppressed : it->shown).push_back(&r);
  }
  for (auto& g : groups) {
    std::stable_sort(g.shown.begin(), g.shown.end(), [](const Result* a, const Result* b) {
      return std::pair(display_rank(a->status), a->severity) <
             std::pair(display_rank(b->status), b->severity);
    });
  }
  return groups;
}

std::size_t count(const FamilyGroup& group, Status status) {
  return static_cast<std::size_t>(
      std::count_if(group.shown.begin(), group.shown.end(),
                    [&](const Result* r) { return r->status == status; }));
}

// " at file:line in commit abc1234", " at https://host/", or "".
std::string place(const Result& r) {
  if (!r.location) {
    return r.target.empty() ? std::string() : fmt::format(" at {}", r.target);
  }
  std::string where = fmt::format(" at {}", r.location->file);
  if (r.location->line > 0) {
    where += fmt::format(":{}", r.location->line);
  }
  if (!r.location->commit.empty()) {
    where += fmt::format(" in commit {}", r.location->commit.substr(0, 7));
  }
  return where;
}

std::string padded_tag(Status status, const Painter& paint) {
  return paint(fmt::format("{:<6}", tag(status)), tag_color(status));
}

std::string result_line(const Result& r, const Painter& paint) {
  return fmt::format("  {} {:<6}  {:<8}  {}{}\n", padded_tag(r.status, paint), r.rule,
                     to_string(r.severity), r.message, place(r));
}

// "label: text", continuation lines of a multi-line text aligned under the first.
std::string detail(std::string_view label, std::string_view text) {
  std::string out;
  const std::string continuation =
      std::string(k_detail_indent) + std::string(label.size() + 2, ' ');
  bool first = true;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  for (const auto& line : split(text, '\n')) {
    out += first ? fmt::format("{}{}: {}\n", k_detail_indent, label, line)
                 : fmt::format("{}{}\n", continuation, line);
    first = false;
  }
  return out;
}

std::string result_block(const Result& r, const Painter& paint, bool verbose) {
  std::string out = result_line(r, paint);
  const bool details = needs_action(r.status) || (verbose && r.status == Status::pass);
  if (details && !r.evidence.empty()) {
    out += detail("evidence", r.evidence);
  }
  if (needs_action(r.status) && !r.remediation.empty()) {
    out += detail("fix", r.remediation);
  }
  return out;
}

std::string family_header(const FamilyGroup& group, const Painter& paint) {
  std::vector<std::string> parts;
  for (const Status s :
       {Status::fail, Status::error, Status::warn, Status::manual, Status::pass, Status::skip}) {
    if (const auto n = count(group, s); n > 0) {
      parts.push_back(fmt::format("{} {}", n, to_string(s)));
    }
  }
  if (!group.suppressed.empty()) {
    parts.push_back(fmt::format("{} suppressed", group.suppressed.size()));
  }
  return fmt::format("{}  {}\n", paint(group.name, k_bold), fmt::join(parts, " · "));
}

// One line standing for every pass and skip of a family (non-verbose mode).
std::string collapsed_line(const FamilyGroup& group, const Painter& paint) {
  const auto passed = count(group, Status::pass);
  const auto skipped = count(group, Status::skip);
  if (passed == 0 && skipped == 0) {
    return {};
  }
  std::vector<std::string> parts;
  if (passed > 0) {
    parts.push_back(fmt::format("{} passed", passed));
  }
  if (skipped > 0) {
    parts.push_back(fmt::format("{} skipped", skipped));
  }
  const Status lead = passed > 0 ? Status::pass : Status::skip;
  return fmt::format("  {} {} (--verbose lists them)\n", padded_tag(lead, paint),
                     fmt::join(parts, ", "));
}

std::string suppressed_line(const Result& r, const Painter& paint) {
  const auto& note = *r.suppressed;
  const std::string source =
      note.source.empty() ? std::string() : fmt::format(" ({})", note.source);
  return paint(fmt::format("  suppressed {}{}: {}{}", r.rule, place(r), note.reason, source),
               k_dim) +
         "\n";
}

std::string family_block(const FamilyGroup& group, const Painter& paint, bool verbose) {
  std::string out = family_header(group, paint);
  for (const Result* r : group.shown) {
    if (verbose || needs_action(r->status)) {
      out += result_block(*r, paint, verbose);
    }
  }
  // A family with nothing to act on is its header alone: quiet when all is well.
  const bool anything_shown = std::any_of(group.shown.begin(), group.shown.end(),
                                          [](const Result* r) { return needs_action(r->status); });
  if (!verbose && (anything_shown || !group.suppressed.empty())) {
    out += collapsed_line(group, paint);
  }
  for (const Result* r : group.suppressed) {
    out += suppressed_line(*r, paint);
  }
  return out;
}

std::string manual_line(const ManualRecord& m, const Painter& paint) {
  std::vector<std::string> notes{m.required ? "required" : "optional"};
  if (!m.source.empty()) {
    notes.push_back(m.source);
  }
  if (m.signed_off_by) {
    return fmt::format("  {} {}  {} (signed off by {}{}{})\n", paint("DONE  ", k_green), m.id,
                       m.title, *m.signed_off_by,
                       m.signed_off_at ? " at " + *m.signed_off_at : std::string(),
                       m.note ? ": " + *m.note : std::string());
  }
  return fmt::format("  {} {}  {} ({})\n", paint("TODO  ", k_yellow), m.id, m.title,
                     fmt::join(notes, ", "));
}

// Unsigned manual items (and, when verbose, the signed ones); empty when nothing to show.
std::string manual_block(const std::vector<ManualRecord>& manual, const Painter& paint,
                         bool verbose) {
  const auto unsigned_count = std::count_if(manual.begin(), manual.end(),
                                            [](const ManualRecord& m) { return !m.signed_off_by; });
  if (unsigned_count == 0 && !(verbose && !manual.empty())) {
    return {};
  }
  std::string out =
      fmt::format("{}  {} awaiting sign-off\n", paint("manual items", k_bold), unsigned_count);
  for (const auto& m : manual) {
    if (verbose || !m.signed_off_by) {
      out += manual_line(m, paint);
    }
  }
  if (unsigned_count > 0) {
    out += paint("  sign off with: shipcheck signoff ITEM --by NAME", k_dim) + "\n";
  }
  return out;
}

std::string closing_line(const Report& report, const Painter& paint) {
  const std::string score = fmt::format("score {}/100", report.score);
  if (report.ready) {
    return fmt::format("{} · {}\n", score, paint("ready", k_bold_green));
  }
  const std::string why = report.decided_by.empty()
                              ? std::string()
                              : fmt::format(": {}", fmt::join(report.decided_by, "; "));
  return fmt::format("{} · {}{}\n", score, paint("not ready", k_bold_red), why);
}

std::string quiet_body(const Report& report, const Painter& paint) {
  std::string out;
  for (const auto& group : group_by_family(report.results)) {
    for (const Result* r : group.shown) {
      if (r->status == Status::fail || r->status == Status::error) {
        out += result_block(*r, paint, false);
      }
    }
  }
  return out;
}

}  // namespace

void TextReporter::write(const Report& report, std::ostream& out) const {
  const Painter paint(m_options.color);
  if (m_options.quiet) {
    out << quiet_body(report, paint) << closing_line(report, paint);
    return;
  }
  std::vector<std::string> blocks;
  for (const auto& group : group_by_family(report.results)) {
    blocks.push_back(family_block(group, paint, m_options.verbose));
  }
  if (auto manual = manual_block(report.manual, paint, m_options.verbose); !manual.empty()) {
    blocks.push_back(std::move(manual));
  }
  for (const auto& block : blocks) {
    out << block << '\n';
  }
  out << closing_line(report, paint);
}

}  // namespace shipcheck::report
