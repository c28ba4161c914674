#include "report/html.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/html_assets.h"
#include "report/junit.h"

namespace shipcheck::report {
namespace {

// The same escaping as JUnit's: & < > " ' as references, and bytes a page cannot hold as
// U+FFFD, so that no report text can open a tag, end an attribute or break the encoding.
std::string html_esc(std::string_view text) {
  return xml_escape(text);
}

// What the page calls a result's state: its status, or "suppressed" (which overrides it: a
// suppressed failure neither counts nor is shown among the failures).
std::string_view html_state(const Result& r) {
  return r.suppressed ? std::string_view("suppressed") : to_string(r.status);
}

// Display order: what needs action first; suppressed results last.
int html_rank(const Result& r) {
  return r.suppressed ? 6 : display_rank(r.status);
}

struct HtmlFamily {
  std::string name;
  std::vector<const Result*> results;  // by rank, then severity, then input order
  int best = 6;                        // the smallest rank among them
};

// Families with failures and errors first (then by their most urgent result), each family's
// results sorted the same way; ties keep the report's order.
std::vector<HtmlFamily> html_families_of(const std::vector<Result>& results) {
  std::vector<HtmlFamily> families;
  for (const auto& r : results) {
    auto it = std::find_if(families.begin(), families.end(),
                           [&](const HtmlFamily& f) { return f.name == r.family; });
    if (it == families.end()) {
      it = families.insert(families.end(), HtmlFamily{r.family, {}, 6});
    }
    it->results.push_back(&r);
    it->best = std::min(it->best, html_rank(r));
  }
  for (auto& f : families) {
    std::stable_sort(f.results.begin(), f.results.end(), [](const Result* a, const Result* b) {
      return std::pair(html_rank(*a), a->severity) < std::pair(html_rank(*b), b->severity);
    });
  }
  std::stable_sort(families.begin(), families.end(),
                   [](const HtmlFamily& a, const HtmlFamily& b) { return a.best < b.best; });
  return families;
}

std::string_view html_badge_text(const Result& r) {
  if (r.suppressed) {
    return "SUPPRESSED";
  }
  switch (r.status) {
    case Status::fail:
      return "FAIL";
    case Status::error:
      return "ERROR";
    case Status::warn:
      return "WARN";
    case Status::manual:
      return "TODO";
    case Status::pass:
      return "PASS";
    case Status::skip:
      return "SKIP";
  }
  return "ERROR";
}

// A score ring: the arc is the score, the tick is --min-score; green when the score reaches it.
std::string html_gauge(int score, int min_score) {
  constexpr double radius = 52;
  const double circumference = 2 * std::numbers::pi * radius;
  const double filled = circumference * std::clamp(score, 0, 100) / 100.0;
  const double angle = 2 * std::numbers::pi * std::clamp(min_score, 0, 100) / 100.0;
  const auto at = [&](double r) {
    return std::pair(70 + r * std::sin(angle), 70 - r * std::cos(angle));
  };
  const auto [x1, y1] = at(radius - 11);
  const auto [x2, y2] = at(radius + 11);
  const std::string_view colour = score >= min_score ? "var(--pass)" : "var(--fail)";
  return fmt::format(
      "<svg class=\"gauge\" width=\"140\" height=\"140\" viewBox=\"0 0 140 140\" role=\"img\" "
      "aria-label=\"score {0} of 100, minimum {1}\">"
      "<circle cx=\"70\" cy=\"70\" r=\"{2}\" fill=\"none\" stroke=\"#dde3ea\" "
      "stroke-width=\"12\"/>"
      "<circle cx=\"70\" cy=\"70\" r=\"{2}\" fill=\"none\" stroke=\"{3}\" stroke-width=\"12\" "
      "stroke-dasharray=\"{4:.2f} {5:.2f}\" transform=\"rotate(-90 70 70)\"/>"
      "<line x1=\"{6:.1f}\" y1=\"{7:.1f}\" x2=\"{8:.1f}\" y2=\"{9:.1f}\" stroke=\"#1c2430\" "
      "stroke-width=\"3\"/>"
      "<text x=\"70\" y=\"72\" text-anchor=\"middle\" font-size=\"34\" "
      "font-weight=\"700\" fill=\"#1c2430\">{0}</text>"
      "<text x=\"70\" y=\"94\" text-anchor=\"middle\" font-size=\"12\" fill=\"#5f6b7a\">"
      "min {1}</text></svg>",
      score, min_score, radius, colour, filled, circumference, x1, y1, x2, y2);
}

// Earlier runs' scores then this one's, as a polyline; "" with fewer than two points. The
// vertical scale runs from 100 down to 10 below the lowest score or minimum (a multiple of
// 10), so that a few points' change near the top still shows.
std::string html_sparkline(const std::vector<int>& history, int score, int min_score) {
  std::vector<int> points = history;
  points.push_back(score);
  if (points.size() < 2) {
    return {};
  }
  constexpr double width = 220;
  constexpr double height = 48;
  const int lowest = std::min(*std::min_element(points.begin(), points.end()), min_score);
  const int bottom = std::clamp((lowest - 10) / 10 * 10, 0, 90);
  const double step = width / static_cast<double>(points.size() - 1);
  const auto y = [&](int s) {
    return 4 + (height - 8) * (100 - std::clamp(s, bottom, 100)) / (100.0 - bottom);
  };
  std::string coords;
  for (std::size_t i = 0; i < points.size(); ++i) {
    coords += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "" : " ", step * i, y(points[i]));
  }
  return fmt::format(
      "<div class=\"history\"><svg class=\"sparkline\" width=\"{2}\" height=\"{1}\" "
      "viewBox=\"-4 0 {2} {1}\" role=\"img\" aria-label=\"scores of the last {3} runs\">"
      "<line x1=\"0\" y1=\"{4:.1f}\" x2=\"{0}\" y2=\"{4:.1f}\" stroke=\"#9aa5b1\" "
      "stroke-dasharray=\"4 3\"/>"
      "<polyline points=\"{5}\" fill=\"none\" stroke=\"#1c2430\" stroke-width=\"2\"/>"
      "<circle cx=\"{0}\" cy=\"{6:.1f}\" r=\"3.5\" fill=\"#1c2430\"/></svg>"
      "<div>score over the last {3} runs: {7} then {8} (dashed: min {9}; scale {10}-100)</div>"
      "</div>",
      width, height, width + 8, points.size(), y(min_score), coords, y(score), points.front(),
      score, min_score, bottom);
}

std::string html_banner(const Report& report) {
  std::string out = fmt::format("<div class=\"banner {}\"><strong>{}</strong>",
                                report.ready ? "ready" : "not-ready",
                                report.ready ? "Ready to deploy" : "Not ready to deploy");
  if (!report.decided_by.empty()) {
    out += "<ul>";
    for (const auto& line : report.decided_by) {
      out += fmt::format("<li>{}</li>", html_esc(line));
    }
    out += "</ul>";
  }
  return out + "</div>\n";
}

int html_suppressed_count(const Report& report) {
  return static_cast<int>(std::count_if(report.results.begin(), report.results.end(),
                                        [](const Result& r) { return r.suppressed.has_value(); }));
}

std::string html_counts(const Report& report) {
  const auto& s = report.summary;
  const std::pair<std::string_view, int> items[] = {{"fail", s.fail},
                                                    {"error", s.error},
                                                    {"warn", s.warn},
                                                    {"pass", s.pass},
                                                    {"skip", s.skip},
                                                    {"manual", s.manual},
                                                    {"suppressed", html_suppressed_count(report)}};
  std::string out = "<div class=\"counts\">";
  for (const auto& [name, n] : items) {
    out += fmt::format("<div class=\"count {0}\"><b>{1}</b>{0}</div>", name, n);
  }
  return out + "</div>";
}

std::string html_filters(const Report& report) {
  std::string out = "<nav class=\"filters\" aria-label=\"filter by status\">";
  for (const std::string_view name : {"all", "fail", "error", "warn", "pass", "skip"}) {
    const auto n = name == "all" ? report.results.size()
                                 : static_cast<std::size_t>(std::count_if(
                                       report.results.begin(), report.results.end(),
                                       [&](const Result& r) { return html_state(r) == name; }));
    out += fmt::format(
        "<button type=\"button\" data-filter=\"{0}\" aria-pressed=\"{1}\">{0} "
        "({2})</button>",
        name, name == "all" ? "true" : "false", n);
  }
  return out + "</nav>\n";
}

// "file:line:column in commit abc1234", or "".
std::string html_location_text(const Result& r) {
  if (!r.location) {
    return {};
  }
  std::string where = r.location->file;
  if (r.location->line > 0) {
    where += fmt::format(":{}", r.location->line);
    if (r.location->column > 0) {
      where += fmt::format(":{}", r.location->column);
    }
  }
  if (!r.location->commit.empty()) {
    where += " in commit " + r.location->commit.substr(0, 12);
  }
  return where;
}

void html_field(std::string& out, std::string_view label, const std::string& value,
                bool pre = false) {
  if (value.empty()) {
    return;
  }
  out += pre ? fmt::format("<dt>{}</dt><dd><pre>{}</pre></dd>", label, html_esc(value))
             : fmt::format("<dt>{}</dt><dd>{}</dd>", label, html_esc(value));
}

std::string html_result_block(const Result& r) {
  const bool open = html_rank(r) <= 1;  // failures and errors start expanded
  std::string out = fmt::format(
      "<details class=\"result\" data-status=\"{0}\" data-rule=\"{1}\"{2}><summary>"
      "<span class=\"badge {0}\">{3}</span><span class=\"rule\">{1}</span>"
      "<span class=\"sev\">{4}</span><span class=\"msg\">{5}</span></summary><dl>",
      html_state(r), html_esc(r.rule), open ? " open" : "", html_badge_text(r),
      to_string(r.severity), html_esc(r.message));
  html_field(out, "check", r.title);
  html_field(out, "evidence", r.evidence, true);
  html_field(out, "fix", r.remediation);
  html_field(out, "target", r.target);
  html_field(out, "location", html_location_text(r));
  if (r.suppressed) {
    html_field(out, "suppressed",
               r.suppressed->reason +
                   (r.suppressed->source.empty() ? "" : " (" + r.suppressed->source + ")"));
  }
  html_field(out, "fingerprint", r.fingerprint);
  html_field(out, "duration", fmt::format("{} ms", r.duration_ms));
  return out + "</dl></details>\n";
}

std::string html_family_block(const HtmlFamily& f) {
  std::vector<std::string> parts;
  for (const std::string_view name : {"fail", "error", "warn", "manual", "pass", "skip"}) {
    const auto n = std::count_if(f.results.begin(), f.results.end(),
                                 [&](const Result* r) { return html_state(*r) == name; });
    if (n > 0) {
      parts.push_back(fmt::format("{} {}", n, name));
    }
  }
  std::string out =
      fmt::format("<section class=\"family\" data-family=\"{0}\"><h3>{0}<small>{1}</small></h3>\n",
                  html_esc(f.name), fmt::join(parts, " · "));
  for (const Result* r : f.results) {
    out += html_result_block(*r);
  }
  return out + "</section>\n";
}

std::string html_manual_item(const ManualRecord& m) {
  std::string status;
  if (m.signed_off_by) {
    status = fmt::format("signed off by {}{}{}", html_esc(*m.signed_off_by),
                         m.signed_off_at ? " at " + html_esc(*m.signed_off_at) : std::string(),
                         m.note ? ": " + html_esc(*m.note) : std::string());
  } else {
    status =
        fmt::format("not signed off: <code>shipcheck signoff {} --by NAME</code>", html_esc(m.id));
  }
  const std::string source = m.source.empty() ? "" : fmt::format(" ({})", html_esc(m.source));
  return fmt::format(
      "<div class=\"manual-item\" data-signed=\"{0}\"><span class=\"badge {1}\">{2}</span>"
      "<span class=\"rule\">{3}</span><span class=\"msg\">{4}{5} · {6} · {7}</span></div>\n",
      m.signed_off_by ? "yes" : "no", m.signed_off_by ? "pass" : "manual",
      m.signed_off_by ? "DONE" : "TODO", html_esc(m.id), html_esc(m.title), source,
      m.required ? "required" : "optional", status);
}

void html_write_body(const Report& report, const ReportOptions& options, std::ostream& out) {
  out << fmt::format("<h1>shipcheck: {}</h1>\n<div class=\"meta\">{} · {:.1f} s</div>\n",
                     html_esc(report.service), html_esc(report.started_at),
                     static_cast<double>(report.duration_ms) / 1e3);
  out << html_banner(report);
  out << "<div class=\"overview\">" << html_gauge(report.score, report.min_score)
      << "<div class=\"figures\">" << html_counts(report)
      << html_sparkline(options.history_scores, report.score, report.min_score) << "</div></div>\n";
  out << "<h2>Results</h2>\n" << html_filters(report);
  for (const auto& family : html_families_of(report.results)) {
    out << html_family_block(family);
  }
  if (!report.manual.empty()) {
    out << "<h2>Manual items</h2>\n<section class=\"family manual\">\n";
    for (const auto& m : report.manual) {
      out << html_manual_item(m);
    }
    out << "</section>\n";
  }
  if (!report.notices.empty()) {
    out << "<h2>Notices</h2>\n<ul class=\"notices\">";
    for (const auto& notice : report.notices) {
      out << "<li>" << html_esc(notice) << "</li>";
    }
    out << "</ul>\n";
  }
}

}  // namespace

void HtmlReporter::write(const Report& report, std::ostream& out) const {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n", k_html_csp)
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<link rel=\"icon\" href=\"data:,\">\n"
      << fmt::format("<title>shipcheck: {} ({})</title>\n", html_esc(report.service),
                     report.ready ? "ready" : "not ready")
      << "<style>" << k_html_css << "</style>\n</head>\n<body>\n<main>\n";
  html_write_body(report, m_options, out);
  out << "</main>\n<script>" << k_html_js << "</script>\n</body>\n</html>\n";
}

}  // namespace shipcheck::report
