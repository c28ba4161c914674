// HTML report: report text escaped wherever it lands, what needs action first, the status
// filters, nothing referenced from the network, and the history sparkline only with history.
#include "report/html.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "report/sample_reports.h"

namespace shipcheck::report {
namespace {

std::string render(const Report& report, std::vector<int> history = {}) {
  ReportOptions options;
  options.history_scores = std::move(history);
  std::ostringstream out;
  HtmlReporter(options).write(report, out);
  return out.str();
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// Positions of `needles` in `text`, in the order given (npos when absent).
std::vector<std::size_t> positions(const std::string& text,
                                   const std::vector<std::string>& needles) {
  std::vector<std::size_t> out;
  for (const auto& needle : needles) {
    out.push_back(text.find(needle));
  }
  return out;
}

TEST(HtmlReport, IsAFormatOfTheReporterTable) {
  EXPECT_NE(make_reporter("html", {}), nullptr);
  std::ostringstream out;
  make_reporter("html", {})->write(test::empty_report(), out);
  EXPECT_EQ(out.str().rfind("<!DOCTYPE html>\n", 0), 0U);
  EXPECT_NE(out.str().find("</html>\n"), std::string::npos);
}

TEST(HtmlReport, EscapesMarkupAndQuotesFromEveryReportText) {
  Report report = test::mixed_report();
  report.service = "todo\" onload=\"x";
  report.results[2].message = "<script>alert(1)</script>";
  report.results[2].evidence = "DEBUG=\"true\" & 'on'";
  report.results[2].rule = "ENV004\"><b>";
  report.decided_by.push_back("</li><img src=x onerror=alert(1)>");
  report.manual[0].title = "<i>notify</i>";
  const std::string html = render(report);

  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("DEBUG=&quot;true&quot; &amp; &apos;on&apos;"), std::string::npos);
  EXPECT_NE(html.find("data-rule=\"ENV004&quot;&gt;&lt;b&gt;\""), std::string::npos);
  EXPECT_NE(html.find("todo&quot; onload=&quot;x"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<i>notify"), std::string::npos);
  EXPECT_EQ(occurrences(html, "<script"), 1U);  // the page's own script, nothing else
}

TEST(HtmlReport, FamiliesWithFailuresAndFailuresWithinThemComeFirst) {
  Report report = test::empty_report();
  report.results = {
      test::sample_result("AAA001", "alpha", Severity::high, Status::pass, "fine"),
      test::sample_result("BBB001", "beta", Severity::low, Status::pass, "beta fine"),
      test::sample_result("BBB002", "beta", Severity::medium, Status::warn, "beta meh"),
      test::sample_result("BBB003", "beta", Severity::high, Status::fail, "beta broken"),
      test::sample_result("CCC001", "gamma", Severity::high, Status::error, "gamma unknown"),
  };
  const std::string html = render(report);
  const auto families =
      positions(html, {"data-family=\"beta\"", "data-family=\"gamma\"", "data-family=\"alpha\""});
  EXPECT_LT(families[0], families[1]) << html;
  EXPECT_LT(families[1], families[2]) << html;
  const auto beta = positions(html, {"data-rule=\"BBB003\"", "data-rule=\"BBB002\"",
                                     "data-rule=\"BBB001\"", "data-family=\"gamma\""});
  EXPECT_TRUE(std::is_sorted(beta.begin(), beta.end())) << html;
  EXPECT_NE(html.find("<details class=\"result\" data-status=\"fail\" data-rule=\"BBB003\" open>"),
            std::string::npos)
      << "a failure starts expanded";
  EXPECT_NE(html.find("<details class=\"result\" data-status=\"pass\" data-rule=\"AAA001\">"),
            std::string::npos)
      << "a pass starts collapsed";
}

TEST(HtmlReport, HasAFilterButtonPerStatusAndTheScriptThatUsesThem) {
  const std::string html = render(test::mixed_report());
  for (const std::string status : {"all", "fail", "error", "warn", "pass", "skip"}) {
    EXPECT_NE(html.find("<button type=\"button\" data-filter=\"" + status + "\""),
              std::string::npos)
        << status;
  }
  EXPECT_NE(html.find("data-filter=\"fail\" aria-pressed=\"false\">fail (1)"), std::string::npos);
  EXPECT_NE(html.find("dataset.status !== filter"), std::string::npos);
  EXPECT_NE(html.find("data-status=\"suppressed\" data-rule=\"SEC014\""), std::string::npos)
      << "a suppressed failure is not among the failures";
}

TEST(HtmlReport, ReferencesNothingOnTheNetworkAndSaysSoInItsPolicy) {
  Report report = test::mixed_report();
  report.results[2].remediation = "see https://example.com/debug";
  const std::string html = render(report, {80, 90});
  const std::regex network_reference(R"((src|href|action|url)\s*[=(]\s*["']?\s*(https?:)?//)",
                                     std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, network_reference)) << html;
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                      "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                      "img-src data:\">"),
            std::string::npos);
  // A URL from a result is text, never a link.
  EXPECT_NE(html.find("<dd>see https://example.com/debug</dd>"), std::string::npos);
}

TEST(HtmlReport, DrawsTheHistorySparklineOnlyWithEarlierRuns) {
  const Report report = test::mixed_report();  // score 41
  EXPECT_EQ(render(report).find("<polyline"), std::string::npos);
  const std::string two = render(report, {90});
  ASSERT_NE(two.find("<polyline"), std::string::npos);
  EXPECT_NE(two.find("score over the last 2 runs"), std::string::npos);
  // Oldest first, this run last: 90 then 41, on a scale from 100 down to 30 (10 below the
  // lowest, as a multiple of 10) 40 px high starting at 4.
  EXPECT_NE(two.find("points=\"0.0,9.7 220.0,37.7\""), std::string::npos) << two;
  EXPECT_NE(two.find("90 then 41 (dashed: min 90; scale 30-100)"), std::string::npos);
  const std::string four = render(report, {100, 50, 75});
  EXPECT_NE(four.find("score over the last 4 runs"), std::string::npos);
}

TEST(HtmlReport, ShowsTheVerdictWhyAndTheManualItems) {
  const std::string html = render(test::mixed_report());
  EXPECT_NE(html.find("<div class=\"banner not-ready\"><strong>Not ready to deploy</strong>"),
            std::string::npos);
  EXPECT_NE(html.find("<li>ENV004 DEBUG is on (critical)</li>"), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"score 41 of 100, minimum 90\""), std::string::npos);
  EXPECT_NE(html.find("not signed off: <code>shipcheck signoff notify-team --by NAME</code>"),
            std::string::npos);
  EXPECT_NE(html.find("signed off by alice at 2026-11-20T10:00:00Z: restored to scratch"),
            std::string::npos);

  Report ready = test::empty_report();
  ready.results = {test::sample_result("ENV001", "env", Severity::high, Status::pass, "ok")};
  EXPECT_NE(render(ready).find("<div class=\"banner ready\"><strong>Ready to deploy</strong>"),
            std::string::npos);
}

}  // namespace
}  // namespace shipcheck::report
