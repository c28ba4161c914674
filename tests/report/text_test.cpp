// Text report: ordering, collapsing, colour, quiet mode and the closing verdict line.
#include "report/text.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report/sample_reports.h"

namespace shipcheck::report {
namespace {

using test::empty_report;
using test::mixed_report;
using test::sample_result;

std::string render_text(const Report& report, ReportOptions options = {}) {
  std::ostringstream out;
  TextReporter(options).write(report, out);
  return out.str();
}

ReportOptions verbose() {
  ReportOptions options;
  options.verbose = true;
  return options;
}
ReportOptions quiet() {
  ReportOptions options;
  options.quiet = true;
  return options;
}
ReportOptions colored() {
  ReportOptions options;
  options.color = true;
  return options;
}

std::string last_line(const std::string& text) {
  const auto end = text.size() - 1;  // text ends with '\n'
  const auto start = text.rfind('\n', end - 1);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start + 1));
}

std::size_t pos(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << "missing: " << needle << "\n" << text;
  return at;
}

TEST(TextReport, FailuresFirstThenErrorsWarningsPassesSkips) {
  Report report = empty_report();
  report.results = {
      sample_result("ENV001", "env", Severity::low, Status::skip, "skipped one"),
      sample_result("ENV002", "env", Severity::low, Status::pass, "passed one"),
      sample_result("ENV003", "env", Severity::low, Status::warn, "warned one"),
      sample_result("ENV004", "env", Severity::low, Status::error, "errored one"),
      sample_result("ENV005", "env", Severity::low, Status::fail, "failed low"),
      sample_result("ENV006", "env", Severity::critical, Status::fail, "failed crit")};
  const std::string text = render_text(report, verbose());
  EXPECT_LT(pos(text, "failed crit"), pos(text, "failed low"));
  EXPECT_LT(pos(text, "failed low"), pos(text, "errored one"));
  EXPECT_LT(pos(text, "errored one"), pos(text, "warned one"));
  EXPECT_LT(pos(text, "warned one"), pos(text, "passed one"));
  EXPECT_LT(pos(text, "passed one"), pos(text, "skipped one"));
}

TEST(TextReport, GroupsByFamilyWithCountsInFirstSeenOrder) {
  const std::string text = render_text(mixed_report());
  EXPECT_LT(pos(text, "env  1 fail · 1 warn · 1 pass · 1 skip\n"),
            pos(text, "http  1 error · 1 pass\n"));
  EXPECT_LT(pos(text, "http  "), pos(text, "secrets  1 suppressed\n"));
  EXPECT_LT(pos(text, "secrets  "), pos(text, "manual  1 manual\n"));
}

TEST(TextReport, OneLinePerResultWithTagRuleSeverityMessageLocation) {
  const std::string text = render_text(mixed_report());
  pos(text, "  FAIL   ENV004  critical  DEBUG is on at .env.production:3\n");
  pos(text, "  WARN   ENV007  medium    LOG_LEVEL is DEBUG\n");
  // Without a location, the target says what was inspected.
  pos(text,
      "HDR001  high      could not connect to api.example.com:443 at https://api.example.com/\n");
}

TEST(TextReport, ErrorIsShownAsInconclusive) {
  const std::string text = render_text(mixed_report());
  pos(text, "  ERROR (inconclusive) HDR001");
  EXPECT_EQ(text.find("PASS   HDR001"), std::string::npos);
}

TEST(TextReport, EvidenceAndFixIndentedUnderFailure) {
  const std::string text = render_text(mixed_report());
  pos(text, "at .env.production:3\n         evidence: DEBUG=true\n         fix: set DEBUG=false\n");
}

TEST(TextReport, MultiLineEvidenceStaysAligned) {
  Report report = empty_report();
  auto r = sample_result("DKR002", "container", Severity::high, Status::fail, "runs as root");
  r.evidence = "FROM python:3.12\nUSER root\n";
  report.results.push_back(r);
  pos(render_text(report), "         evidence: FROM python:3.12\n                   USER root\n");
}

TEST(TextReport, PassesAndSkipsCollapseUnlessVerbose) {
  const std::string text = render_text(mixed_report());
  EXPECT_EQ(text.find("LOG_LEVEL=INFO"), std::string::npos);
  EXPECT_EQ(text.find("no JWT settings found"), std::string::npos);
  pos(text, "  PASS   1 passed, 1 skipped (--verbose lists them)\n");
  const std::string full = render_text(mixed_report(), verbose());
  pos(full, "  PASS   ENV010  low       LOG_LEVEL=INFO\n");
  pos(full, "  SKIP   ENV020  info      no JWT settings found\n");
  EXPECT_EQ(full.find("--verbose lists them"), std::string::npos);
}

TEST(TextReport, AllPassingFamilyIsItsHeaderAlone) {
  Report report = empty_report();
  for (int i = 0; i < 20; ++i) {
    report.results.push_back(
        sample_result("GIT001", "repo", Severity::medium, Status::pass, "fine"));
  }
  EXPECT_EQ(render_text(report), "repo  20 pass\n\nscore 100/100 · ready\n");
}

TEST(TextReport, SuppressedListedWithReason) {
  const std::string text = render_text(mixed_report());
  pos(text,
      "  suppressed SEC014 at tests/fixtures/keys.txt:7 in commit 0123456: fake keys "
      "(shipcheck.yaml:12)\n");
  EXPECT_EQ(text.find("FAIL   SEC014"), std::string::npos);
}

TEST(TextReport, ManualSectionListsUnsignedItems) {
  const std::string text = render_text(mixed_report());
  pos(text, "manual items  1 awaiting sign-off\n");
  pos(text, "  TODO   notify-team  Notify team of deployment (required, DEPLOY.md:212)\n");
  EXPECT_EQ(text.find("backup-drill"), std::string::npos);
  pos(render_text(mixed_report(), verbose()),
      "  DONE   backup-drill  Backup restore tested (signed off by alice at "
      "2026-11-20T10:00:00Z: restored to scratch)\n");
}

TEST(TextReport, ClosingLineNamesWhatDecidedNotReady) {
  const std::string text = render_text(mixed_report());
  EXPECT_EQ(last_line(text),
            "score 41/100 · not ready: ENV004 DEBUG is on (critical); manual item "
            "'notify-team' is not signed off");
}

TEST(TextReport, ClosingLineWhenReady) {
  EXPECT_EQ(render_text(empty_report()), "score 100/100 · ready\n");
}

TEST(TextReport, NoEscapeBytesWithoutColor) {
  EXPECT_EQ(render_text(mixed_report(), verbose()).find('\x1b'), std::string::npos);
  EXPECT_EQ(render_text(mixed_report(), quiet()).find('\x1b'), std::string::npos);
}

TEST(TextReport, ColorMarksStatusesAndHeaders) {
  const std::string text = render_text(mixed_report(), colored());
  pos(text, "\x1b[31mFAIL  \x1b[0m ENV004");
  pos(text, "\x1b[31mERROR (inconclusive)\x1b[0m HDR001");
  pos(text, "\x1b[33mWARN  \x1b[0m ENV007");
  pos(text, "\x1b[1menv\x1b[0m  ");
  EXPECT_EQ(last_line(text).rfind("score 41/100 · \x1b[1;31mnot ready\x1b[0m: ENV004", 0), 0U);
  pos(render_text(empty_report(), colored()), "\x1b[1;32mready\x1b[0m");
}

TEST(TextReport, QuietShowsOnlyFailuresErrorsAndClosingLine) {
  const std::string text = render_text(mixed_report(), quiet());
  EXPECT_EQ(text,
            "  FAIL   ENV004  critical  DEBUG is on at .env.production:3\n"
            "         evidence: DEBUG=true\n"
            "         fix: set DEBUG=false\n"
            "  ERROR (inconclusive) HDR001  high      could not connect to api.example.com:443 "
            "at https://api.example.com/\n"
            "score 41/100 · not ready: ENV004 DEBUG is on (critical); manual item "
            "'notify-team' is not signed off\n");
}

TEST(TextReport, QuietAndAllWellIsOneLine) {
  Report report = empty_report();
  report.results.push_back(sample_result("ENV004", "env", Severity::critical, Status::pass, "ok"));
  EXPECT_EQ(render_text(report, quiet()), "score 100/100 · ready\n");
}

}  // namespace
}  // namespace shipcheck::report
