// The Markdown report: the linked checklist ticked from the results (rules, manual items,
// commands), failures with their evidence, the rest of the results after it; without a
// checklist, the results as a checklist by family; Markdown in messages shown, not obeyed.
#include "report/markdown.h"

#include <sstream>

#include <gtest/gtest.h>

#include "report/sample_reports.h"

namespace shipcheck::report {
namespace {

using test::mixed_report;

std::string render_markdown(const Report& report,
                            std::optional<ChecklistView> checklist = std::nullopt) {
  ReportOptions options;
  options.checklist = std::move(checklist);
  std::ostringstream out;
  MarkdownReporter(options).write(report, out);
  return out.str();
}

ChecklistLine line(std::vector<std::string> headings, std::string text, int at) {
  return ChecklistLine{std::move(headings), std::move(text), at, 0, {}, {}, {}};
}

ChecklistView deploy_checklist() {
  ChecklistView view{"DEPLOY.md", {}};
  auto debug = line({"Deploy", "Config"}, "DEBUG=false in production", 5);
  debug.rules = {"ENV004"};
  auto logs = line({"Deploy", "Config"}, "LOG_LEVEL is INFO", 6);
  logs.rules = {"ENV010"};
  auto jwt = line({"Deploy", "Config"}, "JWT settings", 7);
  jwt.rules = {"ENV020"};
  auto notify = line({"Deploy", "Release"}, "Notify team of deployment", 212);
  notify.manual_id = "notify-team";
  auto tests = line({"Deploy", "Release"}, "All tests passing", 220);
  tests.command_id = "tests";
  auto free = line({"Deploy", "Release"}, "Celebrate", 230);
  free.depth = 1;
  view.items = {debug, logs, jwt, notify, tests, free};
  return view;
}

TEST(MarkdownReport, TicksTheChecklistFromTheResults) {
  Report report = mixed_report();
  auto command = test::sample_result("CMD001", "commands", Severity::high, Status::pass,
                                     "All tests passing: exit 0");
  command.target = "command:tests";
  report.results.push_back(command);
  const std::string md = render_markdown(report, deploy_checklist());
  EXPECT_EQ(md.rfind("# shipcheck: todo-api is not ready\n\n**Score 41/100** (at least 90 to "
                     "ship)",
                     0),
            0U)
      << md;
  EXPECT_NE(md.find("## Checklist: DEPLOY.md\n\n### Deploy\n\n#### Config\n\n- [ ] DEBUG"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- [ ] DEBUG=false in production — **ENV004 failed**: DEBUG is on\n"
                    "  - evidence: `DEBUG=true`\n  - at: `.env.production:3`\n"
                    "  - fix: set DEBUG=false\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- [x] LOG\\_LEVEL is INFO — ENV010 passed\n"), std::string::npos) << md;
  EXPECT_NE(md.find("- [ ] JWT settings — ENV020: not checked (no JWT settings found)\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- [ ] Notify team of deployment — awaits sign-off: `shipcheck signoff "
                    "notify-team --by NAME`\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- [x] All tests passing — CMD001 passed: All tests passing: exit 0\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("  - [ ] Celebrate — not tracked by shipcheck\n"), std::string::npos) << md;
  EXPECT_NE(md.find("2 of 6 items ticked."), std::string::npos) << md;
  // Results no item covers come after the checklist; the suppressed one is left out.
  EXPECT_NE(md.find("### env\n\n- [x] ENV007 ENV007 title — warned"), std::string::npos) << md;
  EXPECT_NE(md.find("- [ ] HDR001 HDR001 title — could not be checked: could not connect"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("SEC014"), std::string::npos) << md;
  // The signed-off manual item is not in the checklist: listed on its own.
  EXPECT_NE(md.find("## Other manual items\n\n- [x] Backup restore tested (`backup-drill`) — "
                    "signed off by alice at 2026-11-20T10:00:00Z: restored to scratch\n"),
            std::string::npos)
      << md;
}

TEST(MarkdownReport, WithoutAChecklistListsTheResultsByFamilyFailuresFirst) {
  const std::string md = render_markdown(mixed_report());
  const auto checks = md.find(
      "## Checks\n\n### env\n\n- [ ] ENV004 ENV004 title — failed: DEBUG "
      "is on\n  - evidence: `DEBUG=true`");
  ASSERT_NE(checks, std::string::npos) << md;
  EXPECT_LT(checks, md.find("- [x] ENV010 ENV010 title — passed: LOG\\_LEVEL=INFO"));
  EXPECT_NE(md.find("- 1 skipped (not applicable or not configured)\n"), std::string::npos) << md;
  EXPECT_NE(md.find("## Manual items\n\n- [ ] Notify team of deployment (`notify-team`)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Decided by:\n\n- ENV004 DEBUG is on (critical)\n"), std::string::npos) << md;
}

TEST(MarkdownReport, ShowsMarkdownInTextsInsteadOfObeyingIt) {
  Report report = test::empty_report();
  auto r = test::sample_result("HDR001", "http", Severity::high, Status::fail,
                               "<script>alert(1)</script> *bold* [x](y)\nsecond line");
  r.evidence = "a `tick` and ``two``";
  report.results.push_back(r);
  const std::string md = render_markdown(report);
  EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[x\\](y) second line"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("evidence: ``` a `tick` and ``two`` ```"), std::string::npos) << md;
  EXPECT_EQ(markdown_code("`x`"), "`` `x` ``");
  EXPECT_EQ(markdown_escape("a|b"), "a\\|b");
}

TEST(MarkdownReport, CutsLongEvidenceWithoutSplittingACharacter) {
  Report report = test::empty_report();
  auto r = test::sample_result("HDR001", "http", Severity::high, Status::fail, "x");
  r.evidence = std::string(299, 'a') + "é" + std::string(100, 'b');
  report.results.push_back(r);
  const std::string md = render_markdown(report);
  EXPECT_NE(md.find(std::string(299, 'a') + "…`"), std::string::npos) << md;
  EXPECT_EQ(md.find("bbbb"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::report
