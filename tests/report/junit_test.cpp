// JUnit XML: escaping that keeps any text well-formed, and a report parsed back by Python's
// XML parser (tests/support/junit_summary.py) with counts that agree with the report.
#include "report/junit.h"

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::report {
namespace {

// The summary junit_summary.py prints for `xml`, or {"problem": ...} when it refuses it.
nlohmann::json parse_back(const std::string& xml) {
  test::TempDir dir;
  const auto file = dir.write("junit.xml", xml);
  std::string output;
  const int code = test::run_command(
      fmt::format("/usr/bin/python3 '{}' '{}'",
                  (test::source_dir() / "tests" / "support" / "junit_summary.py").string(),
                  file.string()),
      output);
  return code == 0 ? nlohmann::json::parse(output) : nlohmann::json{{"problem", output}};
}

Result result(std::string rule, std::string family, Status status, std::string message) {
  Result r;
  r.rule = std::move(rule);
  r.title = "title of " + r.rule;
  r.family = std::move(family);
  r.status = status;
  r.severity = Severity::high;
  r.message = std::move(message);
  r.target = "https://api.example.com";
  return r;
}

TEST(JunitReport, EscapesWhatXmlCannotHold) {
  EXPECT_EQ(xml_escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  EXPECT_EQ(xml_escape("tab\there\nnew\rline"), "tab\there\nnew\rline");
  EXPECT_EQ(xml_escape(std::string("nul\0bell\a", 9)),
            "nul\xEF\xBF\xBD"
            "bell\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("bad \xC3( utf8"), "bad \xEF\xBF\xBD( utf8");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xF0\x9F\x9A\x80"), "caf\xC3\xA9 \xF0\x9F\x9A\x80");
}

TEST(JunitReport, EveryStatusParsesBackWithConsistentCounts) {
  Report report;
  report.service = "todo & co";
  report.started_at = "2026-11-22T20:40:00Z";
  report.results = {result("ENV004", "env", Status::fail, "DEBUG is <on>"),
                    result("ENV001", "env", Status::pass, "ok"),
                    result("HDR001", "http", Status::warn, "HSTS max-age short"),
                    result("PG001", "postgres", Status::error, std::string("timeout\x01", 8)),
                    result("RDS001", "redis", Status::skip, "no redis configured")};
  report.results[0].evidence = "DEBUG=true";
  report.manual = {{"notify", "Notify the team", "", true, {}, {}, {}},
                   {"blog", "Blog post", "", false, {}, {}, {}},
                   {"backups",
                    "Backups",
                    "",
                    true,
                    std::string("bob"),
                    std::string("2026-11-22T20:00:00Z"),
                    {}}};
  std::ostringstream out;
  JunitReporter({}).write(report, out);
  const auto summary = parse_back(out.str());
  ASSERT_FALSE(summary.contains("problem")) << summary << "\n" << out.str();
  EXPECT_EQ(summary["tests"], 8);
  EXPECT_EQ(summary["failures"], 2);  // ENV004 and the unsigned required item
  EXPECT_EQ(summary["errors"], 1);
  EXPECT_EQ(summary["skipped"], 2);  // RDS001 and the optional item
  EXPECT_EQ(summary["suites"], (nlohmann::json{"env", "http", "postgres", "redis", "manual"}));
  EXPECT_EQ(summary["failed"], (nlohmann::json{"ENV004 title of ENV004 (https://api.example.com)",
                                               "PG001 title of PG001 (https://api.example.com)",
                                               "notify Notify the team"}));
  EXPECT_NE(out.str().find("evidence: DEBUG=true"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::report
