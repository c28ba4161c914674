// SARIF report: structure, levels, rules table, locations and suppressions, every log
// validated against the OASIS SARIF 2.1.0 schema.
#include "report/sarif.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "report/sample_reports.h"
#include "support/sarif_schema.h"

namespace shipcheck::report {
namespace {

using test::empty_report;
using test::mixed_report;
using test::sample_result;
using Json = nlohmann::json;

std::string render_sarif(const Report& report, ReportOptions options = {}) {
  std::ostringstream out;
  const auto reporter = make_reporter("sarif", options);
  EXPECT_NE(reporter, nullptr);
  reporter->write(report, out);
  return out.str();
}

// Renders, asserts schema validity, and parses.
Json valid_sarif(const Report& report) {
  const std::string text = render_sarif(report);
  EXPECT_EQ(test::sarif_schema_error(text), "") << text;
  return Json::parse(text);
}

const Json& run_of(const Json& log) {
  return log["runs"][0];
}

// A report holding only `results`, in that order.
Report report_of(std::vector<Result> results) {
  Report report = empty_report();
  report.results = std::move(results);
  return report;
}

Result located(Result r, std::string file, int line, int column, std::string commit = {}) {
  r.location = Location{std::move(file), line, column, std::move(commit)};
  return r;
}

TEST(SarifReport, IsAFormatOfTheReporterTable) {
  const auto formats = report_formats();
  EXPECT_NE(std::find(formats.begin(), formats.end(), "sarif"), formats.end());
  EXPECT_NE(make_reporter("sarif", {}), nullptr);
}

TEST(SarifReport, TheValidatorRejectsALogTheSchemaForbids) {
  // Shows the schema check can fail: a level SARIF does not define, a line 0, a date that is
  // not one and a path that is not a URI.
  Json log = Json::parse(render_sarif(mixed_report()));
  log["runs"][0]["results"][0]["level"] = "fatal";
  log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  log["runs"][0]["invocations"][0]["endTimeUtc"] = "yesterday";
  log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
      "my dir/.env";
  const std::string complaints = test::sarif_schema_error(log.dump());
  EXPECT_NE(complaints.find("'fatal' is not one of"), std::string::npos) << complaints;
  EXPECT_NE(complaints.find("less than the minimum of 1"), std::string::npos) << complaints;
  EXPECT_NE(complaints.find("is not a 'date-time'"), std::string::npos) << complaints;
  EXPECT_NE(complaints.find("is not a 'uri-reference'"), std::string::npos) << complaints;
}

TEST(SarifReport, EmptyReportIsOneRunWithoutResults) {
  const Json log = valid_sarif(empty_report());
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"], std::string(k_sarif_schema_uri));
  ASSERT_EQ(log["runs"].size(), 1U);
  const Json& run = run_of(log);
  EXPECT_EQ(run["tool"]["driver"]["name"], "shipcheck");
  EXPECT_EQ(run["tool"]["driver"]["informationUri"], std::string(k_information_uri));
  EXPECT_TRUE(run["tool"]["driver"]["rules"].empty());
  EXPECT_TRUE(run["results"].is_array() && run["results"].empty());
  EXPECT_EQ(run["automationDetails"]["id"], "shipcheck/todo-api/");
  EXPECT_EQ(run["properties"]["verdict"], "ready");
}

TEST(SarifReport, ToolVersionComesFromTheOptions) {
  ReportOptions options;
  options.tool_version = "9.8.7";
  const Json log = Json::parse(render_sarif(empty_report(), options));
  EXPECT_EQ(run_of(log)["tool"]["driver"]["version"], "9.8.7");
}

TEST(SarifReport, InvocationSpansTheRun) {
  const Json log = valid_sarif(mixed_report());
  const Json& invocation = run_of(log)["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], true);
  EXPECT_EQ(invocation["startTimeUtc"], "2026-11-21T22:40:00.000Z");
  EXPECT_EQ(invocation["endTimeUtc"], "2026-11-21T22:40:02.140Z");
}

TEST(SarifReport, NoticesBecomeConfigurationNotifications) {
  Report report = mixed_report();
  report.notices = {"suppression shipcheck.yaml:12 expired on 2026-01-31"};
  const Json log = valid_sarif(report);
  const Json& notes = run_of(log)["invocations"][0]["toolConfigurationNotifications"];
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0]["message"]["text"], "suppression shipcheck.yaml:12 expired on 2026-01-31");
  EXPECT_EQ(notes[0]["level"], "warning");
}

TEST(SarifReport, ResultsOnlyForFailWarnAndError) {
  const Json log = valid_sarif(mixed_report());
  std::string rules;
  for (const auto& r : run_of(log)["results"]) {
    rules +=
        r["ruleId"].get<std::string>() + ":" + r["properties"]["status"].get<std::string>() + ",";
  }
  // pass, skip and manual results are not findings; the suppressed SEC014 fail stays.
  EXPECT_EQ(rules, "ENV007:warn,ENV004:fail,HDR001:error,SEC014:fail,");
}

TEST(SarifReport, RulesTableHasEachRuleOfTheReportOnce) {
  Report report = mixed_report();
  report.results.push_back(report.results[2]);  // ENV004 a second time
  const Json log = valid_sarif(report);
  const Json& rules = run_of(log)["tool"]["driver"]["rules"];
  std::string ids;
  for (const auto& rule : rules) {
    ids += rule["id"].get<std::string>() + ",";
  }
  EXPECT_EQ(ids, "ENV010,ENV007,ENV004,ENV020,HDR001,HDR003,SEC014,MAN001,");
  for (const auto& result : run_of(log)["results"]) {
    EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
  }
}

TEST(SarifReport, RuleDescriptorCarriesTitleHelpLevelAndTags) {
  const Json log = valid_sarif(mixed_report());
  const Json& debug = run_of(log)["tool"]["driver"]["rules"][2];
  ASSERT_EQ(debug["id"], "ENV004");
  EXPECT_EQ(debug["name"], "ENV004Title");
  EXPECT_EQ(debug["shortDescription"]["text"], "ENV004 title");
  EXPECT_EQ(debug["help"]["text"],
            "set DEBUG=false\n\nRun `shipcheck explain ENV004` for the rule's page.");
  EXPECT_NE(debug["helpUri"].get<std::string>().find("docs/rules/ENV004.md"), std::string::npos);
  EXPECT_EQ(debug["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(debug["properties"]["tags"], Json::parse(R"(["env"])"));
  EXPECT_EQ(debug["properties"]["security-severity"], "9.5");
}

TEST(SarifReport, SecretRulesAreTaggedSecurity) {
  const Json log = valid_sarif(mixed_report());
  const Json& key = run_of(log)["tool"]["driver"]["rules"][6];
  ASSERT_EQ(key["id"], "SEC014");
  EXPECT_EQ(key["properties"]["tags"], Json::parse(R"(["secrets","security"])"));
  EXPECT_EQ(key["properties"]["security-severity"], "8.0");
}

TEST(SarifReport, SecuritySeverityFollowsSeverity) {
  const Json log = valid_sarif(report_of({
      sample_result("SEC001", "secrets", Severity::critical, Status::fail, "a"),
      sample_result("SEC003", "secrets", Severity::high, Status::fail, "b"),
      sample_result("SEC008", "secrets", Severity::medium, Status::fail, "c"),
      sample_result("ENV010", "env", Severity::low, Status::fail, "d"),
      sample_result("ENV099", "env", Severity::info, Status::fail, "e"),
  }));
  const Json& rules = run_of(log)["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 5U);
  EXPECT_EQ(rules[0]["properties"]["security-severity"], "9.5");
  EXPECT_EQ(rules[1]["properties"]["security-severity"], "8.0");
  EXPECT_EQ(rules[2]["properties"]["security-severity"], "5.5");
  EXPECT_EQ(rules[3]["properties"]["security-severity"], "3.0");
  EXPECT_FALSE(rules[4]["properties"].contains("security-severity"));
}

TEST(SarifReport, LevelFollowsSeverityAndStatus) {
  struct Case {
    Severity severity;
    Status status;
    const char* level;
  };
  const std::vector<Case> cases = {
      {Severity::critical, Status::fail, "error"},  {Severity::high, Status::fail, "error"},
      {Severity::medium, Status::fail, "warning"},  {Severity::low, Status::fail, "note"},
      {Severity::info, Status::fail, "note"},       {Severity::critical, Status::warn, "warning"},
      {Severity::medium, Status::warn, "note"},     {Severity::high, Status::error, "warning"},
      {Severity::medium, Status::error, "warning"}, {Severity::low, Status::error, "note"},
  };
  std::vector<Result> results;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    results.push_back(sample_result("ENV" + std::to_string(100 + i), "env", cases[i].severity,
                                    cases[i].status, "m"));
  }
  const Json log = valid_sarif(report_of(results));
  const Json& out = run_of(log)["results"];
  ASSERT_EQ(out.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(out[i]["level"], cases[i].level)
        << to_string(cases[i].severity) << "/" << to_string(cases[i].status);
  }
}

TEST(SarifReport, MessageCarriesTheRedactedEvidence) {
  const Json log = valid_sarif(mixed_report());
  EXPECT_EQ(run_of(log)["results"][1]["message"]["text"], "DEBUG is on evidence: DEBUG=true");
  EXPECT_EQ(run_of(log)["results"][0]["message"]["text"], "LOG_LEVEL is DEBUG");
}

TEST(SarifReport, FileLocationHasRelativeUriAndRegion) {
  const Json log = valid_sarif(mixed_report());
  const Json& physical = run_of(log)["results"][1]["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical, Json::parse(R"({"artifactLocation":{"uri":".env.production",
                                                           "uriBaseId":"%SRCROOT%"},
                                      "region":{"startLine":3,"startColumn":1}})"));
}

TEST(SarifReport, UnknownColumnAndWholeFileLeaveThemOut) {
  const auto base = sample_result("DKR001", "container", Severity::high, Status::fail, "no USER");
  const Json log = valid_sarif(report_of({
      located(base, "Dockerfile", 0, 0),
      located(base, "Dockerfile", 12, 0),
  }));
  const Json& results = run_of(log)["results"];
  EXPECT_FALSE(results[0]["locations"][0]["physicalLocation"].contains("region"));
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"],
            Json::parse(R"({"startLine":12})"));
}

TEST(SarifReport, PathsAreEscapedAsUriReferences) {
  const auto base = sample_result("SEC002", "secrets", Severity::critical, Status::fail, "token");
  const Json log = valid_sarif(report_of({
      located(base, "my dir/a:b#1%.env", 1, 1),
      located(base, "<stdin>", 2, 5),
  }));
  const Json& results = run_of(log)["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20dir/a%3Ab%231%25.env");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "%3Cstdin%3E");
}

TEST(SarifReport, ResultWithoutAFileIsLocatedAtItsTargetOrTheConfig) {
  auto service = sample_result("SVC001", "services", Severity::high, Status::fail, "down");
  service.target = "postgres://db.internal:5432/app";
  auto nowhere = sample_result("DOC002", "docs", Severity::medium, Status::fail, "no runbook");
  const Json log = valid_sarif(report_of({service, nowhere}));
  const Json& results = run_of(log)["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"],
            Json::parse(R"({"uri":"postgres://db.internal:5432/app"})"));
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"],
            Json::parse(R"({"uri":"shipcheck.yaml","uriBaseId":"%SRCROOT%"})"));
  EXPECT_EQ(results[0]["properties"]["target"], "postgres://db.internal:5432/app");
}

TEST(SarifReport, TargetUrisKeepTheirSyntaxAndEscapeTheRest) {
  auto page = sample_result("HDR001", "http", Severity::high, Status::fail, "no HSTS");
  page.target = "https://api.example.com/a b?q=%41&x=\xc3\xa9";
  auto utf8 = located(sample_result("SEC002", "secrets", Severity::critical, Status::fail, "t"),
                      "d\xc3\xa9j\xc3\xa0.env", 1, 1);
  const Json log = valid_sarif(report_of({page, utf8}));
  const Json& results = run_of(log)["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "https://api.example.com/a%20b?q=%41&x=%C3%A9");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "d%C3%A9j%C3%A0.env");
}

TEST(SarifReport, EveryResultHasALocation) {
  const Json log = valid_sarif(mixed_report());
  for (const auto& r : run_of(log)["results"]) {
    ASSERT_EQ(r["locations"].size(), 1U) << r.dump();
    EXPECT_FALSE(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                     .get<std::string>()
                     .empty());
  }
  EXPECT_EQ(run_of(log)["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"],
            Json::parse(R"({"uri":"https://api.example.com/"})"));
}

TEST(SarifReport, FingerprintAndCommitOfAHistoryFinding) {
  const Json log = valid_sarif(mixed_report());
  const Json& debug = run_of(log)["results"][1];
  EXPECT_EQ(debug["partialFingerprints"], Json::parse(R"({"shipcheckFingerprint/v1":"f1e2d3c4"})"));
  EXPECT_FALSE(debug["properties"].contains("commit"));
  const Json& key = run_of(log)["results"][3];
  EXPECT_EQ(key["properties"]["commit"], "0123456789abcdef0123");
  EXPECT_EQ(key["partialFingerprints"]["commitSha/v1"], "0123456789abcdef0123");
}

TEST(SarifReport, SuppressedFindingsSayHowAndWhy) {
  auto inline_one = located(
      sample_result("SEC002", "secrets", Severity::critical, Status::fail, "token"), "a.py", 4, 9);
  inline_one.suppressed = SuppressionNote{"test fixture", "inline"};
  Report report = mixed_report();
  report.results.push_back(inline_one);
  const Json log = valid_sarif(report);
  const Json& results = run_of(log)["results"];
  EXPECT_FALSE(results[1].contains("suppressions"));
  EXPECT_EQ(results[3]["suppressions"],
            Json::parse(R"([{"kind":"external","justification":"fake keys",
                             "properties":{"source":"shipcheck.yaml:12"}}])"));
  EXPECT_EQ(results[4]["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(results[4]["suppressions"][0]["justification"], "test fixture");
}

TEST(SarifReport, InvalidUtf8InEvidenceStillGivesAValidLog) {
  auto r = located(sample_result("ENV006", "env", Severity::high, Status::fail, "weak secret"),
                   ".env", 1, 1);
  r.evidence = std::string("SECRET=\xff\xfe");
  const Json log = valid_sarif(report_of({r}));
  EXPECT_EQ(run_of(log)["results"].size(), 1U);
}

}  // namespace
}  // namespace shipcheck::report
