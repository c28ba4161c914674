// JSON report: shape of shipcheck.report/v1, validated against docs/report.schema.json.
#include "report/json.h"

#include <gtest/gtest.h>

#include <sstream>

#include <fmt/format.h>

#include "report/sample_reports.h"
#include "support/fixture.h"

namespace shipcheck::report {
namespace {

using test::empty_report;
using test::mixed_report;
using Json = nlohmann::json;

std::string render_json(const Report& report, ReportOptions options = {}) {
  std::ostringstream out;
  make_reporter("json", options)->write(report, out);
  return out.str();
}

struct Validation {
  int exit_code = 0;
  std::string output;
};

// Runs tests/support/validate_json_schema.py on `json` with the published schema.
Validation validate(const std::string& json) {
  const test::TempDir dir;
  const auto file = dir.write("report.json", json);
  const std::string tests_dir = SHIPCHECK_TESTS_DIR;
  Validation v;
  v.exit_code =
      test::run_command(fmt::format("/usr/bin/python3 '{}/support/validate_json_schema.py' "
                                    "'{}/../docs/report.schema.json' '{}'",
                                    tests_dir, tests_dir, file.string()),
                        v.output);
  return v;
}

void expect_valid(const std::string& json) {
  const auto v = validate(json);
  EXPECT_EQ(v.exit_code, 0) << v.output << "\n" << json;
}

TEST(JsonReport, EmptyReportIsValidAndReady) {
  const std::string text = render_json(empty_report());
  expect_valid(text);
  const auto j = Json::parse(text);
  EXPECT_EQ(j["schema"], "shipcheck.report/v1");
  EXPECT_EQ(j["verdict"], "ready");
  EXPECT_EQ(j["score"], 100);
  EXPECT_TRUE(j["results"].is_array() && j["results"].empty());
  EXPECT_TRUE(j["manual"].is_array() && j["manual"].empty());
  EXPECT_EQ(j["summary"],
            Json::parse(R"({"pass":0,"fail":0,"warn":0,"skip":0,"error":0,"manual":0})"));
}

TEST(JsonReport, MixedReportIsValidWithEveryStatus) {
  const std::string text = render_json(mixed_report());
  expect_valid(text);
  const auto j = Json::parse(text);
  EXPECT_EQ(j["verdict"], "not-ready");
  EXPECT_EQ(j["score"], 41);
  EXPECT_EQ(j["min_score"], 90);
  EXPECT_EQ(j["duration_ms"], 2140);
  ASSERT_EQ(j["results"].size(), 8U);
  std::string statuses;
  for (const auto& r : j["results"]) {
    statuses += r["status"].get<std::string>() + ",";
  }
  EXPECT_EQ(statuses, "pass,warn,fail,skip,error,pass,fail,manual,");
  EXPECT_EQ(j["decided_by"][0], "ENV004 DEBUG is on (critical)");
}

TEST(JsonReport, ResultCarriesEveryField) {
  const auto j = Json::parse(render_json(mixed_report()));
  const auto& debug = j["results"][2];
  EXPECT_EQ(debug["rule"], "ENV004");
  EXPECT_EQ(debug["title"], "ENV004 title");
  EXPECT_EQ(debug["family"], "env");
  EXPECT_EQ(debug["severity"], "critical");
  EXPECT_EQ(debug["target"], ".env.production");
  EXPECT_EQ(debug["fingerprint"], "f1e2d3c4");
  EXPECT_EQ(debug["evidence"], "DEBUG=true");
  EXPECT_EQ(debug["remediation"], "set DEBUG=false");
  EXPECT_EQ(debug["duration_ms"], 3);
  EXPECT_EQ(debug["location"], Json::parse(R"({"file":".env.production","line":3,"column":1})"));
  EXPECT_FALSE(debug.contains("suppressed"));
}

TEST(JsonReport, LocationIsNullWithoutOne) {
  const auto j = Json::parse(render_json(mixed_report()));
  const auto& hsts = j["results"][4];
  ASSERT_EQ(hsts["rule"], "HDR001");
  EXPECT_TRUE(hsts.contains("location"));
  EXPECT_TRUE(hsts["location"].is_null());
}

TEST(JsonReport, SuppressedResultStaysWithReasonAndCommit) {
  const std::string text = render_json(mixed_report());
  const auto j = Json::parse(text);
  const auto& key = j["results"][6];
  ASSERT_EQ(key["rule"], "SEC014");
  EXPECT_EQ(key["status"], "fail");
  EXPECT_EQ(key["suppressed"],
            Json::parse(R"({"reason":"fake keys","source":"shipcheck.yaml:12"})"));
  // Column 0 means unknown: null, not 0; the commit appears for a history finding.
  EXPECT_EQ(key["location"],
            Json::parse(R"({"file":"tests/fixtures/keys.txt","line":7,"column":null,
                            "commit":"0123456789abcdef0123"})"));
}

TEST(JsonReport, WholeFileLocationHasNullLine) {
  Report report = empty_report();
  auto r = test::sample_result("DKR001", "container", Severity::high, Status::fail, "no USER");
  r.location = Location{"Dockerfile", 0, 0, ""};
  report.results.push_back(r);
  const std::string text = render_json(report);
  expect_valid(text);
  const auto location = Json::parse(text)["results"][0]["location"];
  EXPECT_TRUE(location["line"].is_null());
  EXPECT_TRUE(location["column"].is_null());
  EXPECT_FALSE(location.contains("commit"));
}

TEST(JsonReport, ManualItemsUseNullForAbsentValues) {
  const auto j = Json::parse(render_json(mixed_report()));
  ASSERT_EQ(j["manual"].size(), 2U);
  EXPECT_EQ(j["manual"][0], Json::parse(R"({"id":"notify-team","title":"Notify team of deployment",
                            "source":"DEPLOY.md:212","required":true,"signed_off_by":null,
                            "signed_off_at":null,"note":null})"));
  EXPECT_EQ(j["manual"][1]["signed_off_by"], "alice");
  EXPECT_EQ(j["manual"][1]["note"], "restored to scratch");
  EXPECT_TRUE(j["manual"][1]["source"].is_null());
}

TEST(JsonReport, KeysInDocumentedOrderPrettyPrinted) {
  ReportOptions options;
  options.tool_version = "9.9.9";
  const std::string text = render_json(empty_report(), options);
  EXPECT_EQ(text.rfind("{\n  \"schema\": \"shipcheck.report/v1\",\n  \"tool\": {\n    \"name\": "
                       "\"shipcheck\",\n    \"version\": \"9.9.9\"\n  },\n  \"service\"",
                       0),
            0U)
      << text;
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
}

TEST(JsonReport, TopLevelKeysFollowDesignThenAdditiveKeys) {
  const auto j = nlohmann::ordered_json::parse(render_json(mixed_report()));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) {
    keys.push_back(item.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"schema", "tool", "service", "started_at",
                                            "duration_ms", "score", "verdict", "summary", "results",
                                            "manual", "min_score", "decided_by", "notices"}));
}

TEST(JsonReport, ToolVersionDefaultsToThisBuild) {
  const auto j = Json::parse(render_json(empty_report()));
  EXPECT_EQ(j["tool"]["version"], SHIPCHECK_VERSION);
}

TEST(JsonReport, InvalidUtf8InEvidenceDoesNotThrow) {
  Report report = empty_report();
  auto r = test::sample_result("SEC001", "secrets", Severity::high, Status::fail, "binary match");
  r.evidence = "AKIA\xff\xfe";
  report.results.push_back(r);
  std::string text;
  ASSERT_NO_THROW(text = render_json(report));
  expect_valid(text);
  EXPECT_EQ(Json::parse(text)["results"][0]["evidence"], "AKIA\xEF\xBF\xBD\xEF\xBF\xBD");
}

// The report is written as it is walked, not built as a tree: its layout must still be
// nlohmann's dump(2) of the same document, byte for byte (parse + dump is that layout).
std::string canonical(const std::string& text) {
  return nlohmann::ordered_json::parse(text).dump(2, ' ', false) + "\n";
}

TEST(JsonReport, LayoutIsExactlyNlohmannsPrettyPrint) {
  const Report empty = empty_report();
  Report odd = mixed_report();
  auto r = test::sample_result("SEC001", "secrets", Severity::high, Status::fail,
                               "quote \" backslash \\ tab \t newline \n bell \x07 é 日本");
  r.evidence = "control \x01\x1f del \x7f";
  r.remediation.clear();
  odd.results.push_back(r);
  odd.decided_by.clear();
  odd.manual.clear();
  odd.notices = {"one", ""};
  const Report mixed = mixed_report();
  for (const Report* report : std::initializer_list<const Report*>{&empty, &odd, &mixed}) {
    const std::string text = render_json(*report);
    EXPECT_EQ(text, canonical(text));
  }
  EXPECT_NE(render_json(odd).find("\"decided_by\": [],\n  \"notices\": [\n    \"one\",\n"),
            std::string::npos);
}

TEST(JsonSchema, RejectsUnknownVerdict) {
  auto j = Json::parse(render_json(mixed_report()));
  j["verdict"] = "maybe";
  const auto v = validate(j.dump());
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_NE(v.output.find("verdict"), std::string::npos) << v.output;
}

TEST(JsonSchema, RejectsMalformedRuleIdAndMissingKey) {
  auto j = Json::parse(render_json(mixed_report()));
  j["results"][0]["rule"] = "env4";
  j["results"][1].erase("severity");
  const auto v = validate(j.dump());
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_NE(v.output.find("results/0"), std::string::npos) << v.output;
  EXPECT_NE(v.output.find("'severity' is a required property"), std::string::npos) << v.output;
}

TEST(JsonSchema, AllowsAdditiveTopLevelKeys) {
  auto j = Json::parse(render_json(mixed_report()));
  j["future_key"] = {{"anything", 1}};
  expect_valid(j.dump());
}

TEST(ReporterFactory, KnowsItsFormatsInHelpOrderAndNoOthers) {
  // DESIGN.md's --format list, in its order.
  EXPECT_EQ(report_formats(),
            (std::vector<std::string>{"text", "json", "sarif", "junit", "markdown", "html"}));
  for (const auto& format : report_formats()) {
    EXPECT_NE(make_reporter(format, {}), nullptr) << format;
  }
  EXPECT_EQ(make_reporter("xml", {}), nullptr);
  EXPECT_EQ(make_reporter("JSON", {}), nullptr);
}

}  // namespace
}  // namespace shipcheck::report
