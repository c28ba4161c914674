// The HTML report's fixed stylesheet and script, inlined into every page (html.cpp). Neither
// holds user data: everything report-derived is in the escaped markup they act on.
#pragma once

#include <string_view>

namespace shipcheck::report {

inline constexpr std::string_view k_html_css = R"css(
:root { --fail: #c62828; --error: #8e24aa; --warn: #ef6c00; --pass: #2e7d32;
  --skip: #757575; --manual: #f9a825; --suppressed: #90a4ae; --ink: #1c2430;
  --muted: #5f6b7a; --line: #dde3ea; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
.meta { color: var(--muted); font-size: 13px; }
.banner { border-radius: 10px; padding: 16px 20px; margin: 16px 0; color: #fff; }
.banner.ready { background: var(--pass); }
.banner.not-ready { background: var(--fail); }
.banner strong { font-size: 20px; }
.banner ul { margin: 6px 0 0; padding-left: 20px; }
.overview { display: flex; gap: 24px; align-items: center; flex-wrap: wrap;
  background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; }
.gauge text { font-family: inherit; }
.figures { display: flex; flex-direction: column; gap: 12px; }
.counts { display: flex; gap: 10px; flex-wrap: wrap; }
.count { min-width: 78px; padding: 8px 12px; border-radius: 8px; background: var(--bg);
  border-left: 5px solid var(--skip); }
.count b { display: block; font-size: 20px; }
.count.fail { border-color: var(--fail); } .count.error { border-color: var(--error); }
.count.warn { border-color: var(--warn); } .count.pass { border-color: var(--pass); }
.count.manual { border-color: var(--manual); }
.count.suppressed { border-color: var(--suppressed); }
.history { color: var(--muted); font-size: 12px; display: flex; gap: 12px;
  align-items: center; }
.filters { margin: 20px 0 8px; display: flex; gap: 6px; flex-wrap: wrap; }
.filters button { font: inherit; font-size: 13px; padding: 5px 12px; border-radius: 16px;
  border: 1px solid var(--line); background: #fff; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--ink); color: #fff;
  border-color: var(--ink); }
section.family { background: #fff; border: 1px solid var(--line); border-radius: 10px;
  margin: 12px 0; overflow: hidden; }
section.family > h3 { margin: 0; padding: 10px 16px; font-size: 15px;
  border-bottom: 1px solid var(--line); display: flex; justify-content: space-between; }
section.family > h3 small { color: var(--muted); font-weight: normal; }
details { border-bottom: 1px solid var(--line); }
details:last-child { border-bottom: 0; }
summary { cursor: pointer; padding: 8px 16px; display: flex; gap: 10px; align-items: baseline; }
summary::-webkit-details-marker { display: none; }
summary .rule { font-family: ui-monospace, monospace; font-weight: 600; min-width: 64px; }
summary .sev { color: var(--muted); font-size: 12px; min-width: 58px; }
summary .msg { flex: 1; overflow-wrap: anywhere; }
.badge { display: inline-block; min-width: 74px; text-align: center; font-size: 11px;
  font-weight: 700; letter-spacing: .04em; padding: 2px 6px; border-radius: 4px;
  color: #fff; background: var(--skip); }
.badge.fail { background: var(--fail); } .badge.error { background: var(--error); }
.badge.warn { background: var(--warn); } .badge.pass { background: var(--pass); }
.badge.manual { background: var(--manual); color: var(--ink); }
.badge.suppressed { background: var(--suppressed); }
dl { margin: 0; padding: 4px 16px 12px 100px; display: grid;
  grid-template-columns: 110px 1fr; gap: 4px 12px; }
dt { color: var(--muted); font-size: 13px; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { margin: 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace;
  background: var(--bg); padding: 6px 8px; border-radius: 4px; }
code { font: 13px ui-monospace, monospace; }
.manual-item { padding: 8px 16px; border-bottom: 1px solid var(--line); display: flex;
  gap: 10px; align-items: baseline; }
.manual-item:last-child { border-bottom: 0; }
.notices { color: var(--muted); font-size: 13px; }
[hidden] { display: none !important; }
)css";

// Marks <body data-shipcheck="ready"> once wired, so a test of the page in a headless browser
// can tell the script ran without error.
inline constexpr std::string_view k_html_js = R"js(
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".filters button");
  var results = document.querySelectorAll("details.result");
  var families = document.querySelectorAll("section.family");
  function apply(filter) {
    results.forEach(function (d) {
      d.hidden = filter !== "all" && d.dataset.status !== filter;
    });
    families.forEach(function (s) {
      s.hidden = s.querySelector("details.result:not([hidden])") === null;
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.filter === filter ? "true" : "false");
    });
    document.body.dataset.filter = filter;
  }
  var known = {};
  buttons.forEach(function (b) {
    known[b.dataset.filter] = true;
    b.addEventListener("click", function () {
      apply(b.dataset.filter);
      history.replaceState(null, "", "#" + b.dataset.filter);
    });
  });
  // report.html#fail opens filtered: a link can point at the failures.
  var wanted = location.hash.slice(1);
  apply(known[wanted] ? wanted : "all");
  document.body.dataset.shipcheck = "ready";
})();
)js";

}  // namespace shipcheck::report
