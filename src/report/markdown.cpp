// The Markdown report; see markdown.h.
#include "report/markdown.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/severity.h"
#include "core/text.h"

namespace shipcheck::report {
namespace {

constexpr std::size_t k_max_inline = 300;  // evidence beyond this is cut: the JSON has it whole

// What an item of the checklist came to in this run.
struct Verdict {
  bool ticked = false;
  std::string note;                     // after the item's text: "HDR001 failed: ..."
  std::vector<const Result*> evidence;  // failures to show under it
};

// One line of valid UTF-8 (evidence quotes files, which may be in any encoding).
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : to_valid_utf8(text)) {
    out += c == '\n' || c == '\r' || c == '\t' ? ' ' : c;
  }
  return out;
}

std::string cut(std::string text) {
  if (text.size() > k_max_inline) {
    text.resize(k_max_inline);
    // Never end inside a UTF-8 sequence.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) {
      text.pop_back();
    }
    if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) {
      text.pop_back();
    }
    text += "…";
  }
  return text;
}

bool is_failed(Status s) {
  return s == Status::fail || s == Status::error;
}

std::vector<const Result*> active_results(const Report& report) {
  std::vector<const Result*> out;
  for (const auto& r : report.results) {
    if (!r.suppressed) {
      out.push_back(&r);
    }
  }
  return out;
}

std::string status_word(Status s) {
  switch (s) {
    case Status::pass:
      return "passed";
    case Status::fail:
      return "failed";
    case Status::warn:
      return "warned";
    case Status::skip:
      return "skipped";
    case Status::error:
      return "could not be checked";
    case Status::manual:
      break;
  }
  return "awaits sign-off";
}

// An item mapped to rules: failed when any of their results failed, ticked when none failed
// and one passed (or warned), else not checked (every result skipped, or none ran).
Verdict rules_verdict(const std::vector<const Result*>& results,
                      const std::vector<std::string>& rules) {
  std::vector<const Result*> mine;
  for (const Result* r : results) {
    if (std::find(rules.begin(), rules.end(), r->rule) != rules.end()) {
      mine.push_back(r);
    }
  }
  Verdict v;
  for (const Result* r : mine) {
    if (is_failed(r->status)) {
      v.evidence.push_back(r);
    }
  }
  const std::string names = fmt::format("{}", fmt::join(rules, ", "));
  if (!v.evidence.empty()) {
    const Result& first = *v.evidence.front();
    v.note = fmt::format("**{} {}**: {}", first.rule, status_word(first.status),
                         markdown_escape(cut(first.message)));
    return v;
  }
  const auto passed = std::find_if(mine.begin(), mine.end(), [](const Result* r) {
    return r->status == Status::pass || r->status == Status::warn;
  });
  if (passed != mine.end()) {
    v.ticked = true;
    v.note = fmt::format("{} passed", names);
    return v;
  }
  v.note = mine.empty() ? fmt::format("{}: not run", names)
                        : fmt::format("{}: not checked ({})", names,
                                      markdown_escape(cut(mine.front()->message)));
  return v;
}

Verdict manual_verdict(const Report& report, const std::string& id) {
  Verdict v;
  const auto it = std::find_if(report.manual.begin(), report.manual.end(),
                               [&](const ManualRecord& m) { return m.id == id; });
  if (it == report.manual.end()) {
    v.note = fmt::format("manual item {} is no longer in shipcheck.yaml", markdown_code(id));
  } else if (it->signed_off_by) {
    v.ticked = true;
    v.note = fmt::format("signed off by {} at {}{}", markdown_escape(*it->signed_off_by),
                         it->signed_off_at.value_or(""),
                         it->note ? ": " + markdown_escape(cut(*it->note)) : "");
  } else {
    v.note = fmt::format("{}awaits sign-off: {}", it->required ? "" : "optional, ",
                         markdown_code(fmt::format("shipcheck signoff {} --by NAME", id)));
  }
  return v;
}

Verdict command_verdict(const std::vector<const Result*>& results, const std::string& id) {
  Verdict v;
  const auto it = std::find_if(results.begin(), results.end(),
                               [&](const Result* r) { return r->target == "command:" + id; });
  if (it == results.end()) {
    v.note = fmt::format("command {} did not run", markdown_code(id));
    return v;
  }
  const Result& r = **it;
  v.ticked = r.status == Status::pass;
  v.note = fmt::format("{} {}: {}", r.rule, status_word(r.status), markdown_escape(cut(r.message)));
  if (is_failed(r.status)) {
    v.evidence.push_back(&r);
  }
  return v;
}

Verdict item_verdict(const Report& report, const std::vector<const Result*>& results,
                     const ChecklistLine& item) {
  if (!item.manual_id.empty()) {
    return manual_verdict(report, item.manual_id);
  }
  if (!item.command_id.empty()) {
    return command_verdict(results, item.command_id);
  }
  if (!item.rules.empty()) {
    return rules_verdict(results, item.rules);
  }
  return Verdict{false, "not tracked by shipcheck", {}};
}

void write_evidence(const Result& r, const std::string& indent, std::ostream& out) {
  if (!r.evidence.empty()) {
    out << indent << "  - evidence: " << markdown_code(cut(one_line(r.evidence))) << "\n";
  }
  if (r.location && !r.location->file.empty()) {
    out << indent << "  - at: "
        << markdown_code(r.location->line > 0
                             ? fmt::format("{}:{}", r.location->file, r.location->line)
                             : r.location->file)
        << "\n";
  }
  if (!r.remediation.empty()) {
    out << indent << "  - fix: " << markdown_escape(cut(r.remediation)) << "\n";
  }
}

void write_header(const Report& report, std::ostream& out) {
  out << fmt::format("# shipcheck: {} is {}\n\n", markdown_escape(report.service),
                     report.ready ? "ready" : "not ready");
  out << fmt::format("**Score {}/100** (at least {} to ship) · {} · {:.1f} s\n\n", report.score,
                     report.min_score, report.started_at,
                     static_cast<double>(report.duration_ms) / 1e3);
  const Summary& s = report.summary;
  out << fmt::format("{} passed · {} failed · {} warnings · {} errors · {} skipped · {} manual\n\n",
                     s.pass, s.fail, s.warn, s.error, s.skip, s.manual);
  if (!report.decided_by.empty()) {
    out << "Decided by:\n\n";
    for (const auto& why : report.decided_by) {
      out << "- " << markdown_escape(cut(why)) << "\n";
    }
    out << "\n";
  }
}

// Headings of `item` that differ from those already written, below "## Checklist".
void write_headings(const ChecklistLine& item, std::vector<std::string>& current,
                    std::ostream& out) {
  std::size_t same = 0;
  while (same < current.size() && same < item.headings.size() &&
         current[same] == item.headings[same]) {
    ++same;
  }
  for (std::size_t i = same; i < item.headings.size(); ++i) {
    out << "\n"
        << std::string(std::min<std::size_t>(i + 3, 6), '#') << " "
        << markdown_escape(item.headings[i]) << "\n";
  }
  if (same < item.headings.size()) {
    out << "\n";
  }
  current = item.headings;
}

// Rules the checklist's items cover, so the rest can be listed after it.
std::vector<std::string> covered_rules(const ChecklistView& view) {
  std::vector<std::string> rules;
  for (const auto& item : view.items) {
    rules.insert(rules.end(), item.rules.begin(), item.rules.end());
    if (!item.command_id.empty()) {
      rules.emplace_back("CMD001");
    }
  }
  return rules;
}

void write_checklist(const Report& report, const ChecklistView& view, std::ostream& out) {
  const auto results = active_results(report);
  out << fmt::format("## Checklist: {}\n", markdown_escape(view.source));
  std::vector<std::string> headings;
  int ticked = 0;
  for (const auto& item : view.items) {
    write_headings(item, headings, out);
    const Verdict v = item_verdict(report, results, item);
    ticked += v.ticked ? 1 : 0;
    const std::string indent(static_cast<std::size_t>(item.depth) * 2, ' ');
    out << fmt::format("{}- [{}] {} — {}\n", indent, v.ticked ? 'x' : ' ',
                       markdown_escape(item.text), v.note);
    for (const Result* r : v.evidence) {
      write_evidence(*r, indent, out);
    }
  }
  out << fmt::format("\n{} of {} items ticked.\n", ticked, view.items.size());
}

// Results of rules no checklist item covers (or, without a checklist, every result):
// failures first with their evidence, then the rest as one line each, by family.
void write_results(const Report& report, const std::vector<std::string>& covered,
                   std::string_view title, std::ostream& out) {
  std::vector<const Result*> rest;
  for (const Result* r : active_results(report)) {
    if (std::find(covered.begin(), covered.end(), r->rule) == covered.end()) {
      rest.push_back(r);
    }
  }
  if (rest.empty()) {
    return;
  }
  std::stable_sort(rest.begin(), rest.end(), [](const Result* a, const Result* b) {
    return display_rank(a->status) < display_rank(b->status);
  });
  out << "\n## " << title << "\n";
  std::map<std::string, std::vector<const Result*>> by_family;
  std::vector<std::string> order;
  for (const Result* r : rest) {
    if (by_family[r->family].empty()) {
      order.push_back(r->family);
    }
    by_family[r->family].push_back(r);
  }
  for (const auto& family : order) {
    out << "\n### " << markdown_escape(family) << "\n\n";
    int skipped = 0;
    for (const Result* r : by_family[family]) {
      if (r->status == Status::skip) {
        ++skipped;  // not applicable here: counted, not listed
        continue;
      }
      const bool ok = r->status == Status::pass || r->status == Status::warn;
      out << fmt::format("- [{}] {} {} — {}: {}\n", ok ? 'x' : ' ', r->rule,
                         markdown_escape(r->title), status_word(r->status),
                         markdown_escape(cut(r->message)));
      if (is_failed(r->status)) {
        write_evidence(*r, "", out);
      }
    }
    if (skipped > 0) {
      out << fmt::format("- {} skipped (not applicable or not configured)\n", skipped);
    }
  }
}

// Manual items the checklist does not show (all of them without a checklist).
void write_manual(const Report& report, const ChecklistView* view, std::string_view title,
                  std::ostream& out) {
  std::vector<const ManualRecord*> rest;
  for (const auto& m : report.manual) {
    const bool shown =
        view != nullptr && std::any_of(view->items.begin(), view->items.end(),
                                       [&](const auto& i) { return i.manual_id == m.id; });
    if (!shown) {
      rest.push_back(&m);
    }
  }
  if (rest.empty()) {
    return;
  }
  out << "\n## " << title << "\n\n";
  for (const ManualRecord* m : rest) {
    const Verdict v = manual_verdict(report, m->id);
    out << fmt::format("- [{}] {} ({}) — {}\n", v.ticked ? 'x' : ' ', markdown_escape(m->title),
                       markdown_code(m->id), v.note);
  }
}

void write_notices(const Report& report, std::ostream& out) {
  if (report.notices.empty()) {
    return;
  }
  out << "\n## Notices\n\n";
  for (const auto& notice : report.notices) {
    out << "- " << markdown_escape(cut(notice)) << "\n";
  }
}

}  // namespace

std::string markdown_escape(std::string_view text) {
  std::string out;
  for (const char c : one_line(text)) {
    if (std::string_view("\\`*_[]<>#|~!").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  const std::string line = one_line(text);
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : line) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  // A space inside the fence keeps a leading or trailing backtick from joining it.
  const bool pad = !line.empty() && (line.front() == '`' || line.back() == '`');
  return fence + (pad ? " " : "") + line + (pad ? " " : "") + fence;
}

void MarkdownReporter::write(const Report& report, std::ostream& out) const {
  write_header(report, out);
  if (m_options.checklist) {
    write_checklist(report, *m_options.checklist, out);
    write_results(report, covered_rules(*m_options.checklist), "Other checks", out);
    write_manual(report, &*m_options.checklist, "Other manual items", out);
  } else {
    write_results(report, {}, "Checks", out);
    write_manual(report, nullptr, "Manual items", out);
  }
  write_notices(report, out);
}

}  // namespace shipcheck::report
