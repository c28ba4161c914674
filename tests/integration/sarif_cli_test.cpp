// `shipcheck run --format sarif` end to end on the demo service: the log the binary writes is
// valid against the OASIS SARIF 2.1.0 schema and carries the same findings as the JSON report.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/sarif_schema.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

using Json = nlohmann::json;

using test::slurp;

// Findings of a shipcheck.report/v1 report, as "RULE:status" in report order.
std::vector<std::string> json_findings(const Json& report) {
  std::vector<std::string> out;
  for (const auto& r : report["results"]) {
    const auto status = r["status"].get<std::string>();
    if (status == "fail" || status == "warn" || status == "error") {
      out.push_back(r["rule"].get<std::string>() + ":" + status);
    }
  }
  return out;
}

std::vector<std::string> sarif_findings(const Json& log) {
  std::vector<std::string> out;
  for (const auto& r : log["runs"][0]["results"]) {
    out.push_back(r["ruleId"].get<std::string>() + ":" +
                  r["properties"]["status"].get<std::string>());
  }
  return out;
}

const Json* result_for(const Json& log, const std::string& rule) {
  for (const auto& r : log["runs"][0]["results"]) {
    if (r["ruleId"] == rule) {
      return &r;
    }
  }
  return nullptr;
}

class SarifCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_svc = m_dir.path() / "svc";
    test::run_script("demo", fmt::format("setup '{}'", m_svc.string()));
  }
  test::TempDir m_dir;
  std::filesystem::path m_svc;
};

TEST_F(SarifCli, GoodDemoGivesAValidLogWithoutFindingsOnStdout) {
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --format sarif --no-store --static", m_svc.string()));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(test::sarif_schema_error(run.out), "") << run.out;
  const Json log = Json::parse(run.out, nullptr, false);
  ASSERT_FALSE(log.is_discarded()) << run.out;
  EXPECT_TRUE(log["runs"][0]["results"].empty()) << run.out;
  EXPECT_FALSE(log["runs"][0]["tool"]["driver"]["rules"].empty());
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST_F(SarifCli, PlantedDefectIsAValidLocatedResultInTheOutputFile) {
  test::run_script("demo", fmt::format("plant '{}' ENV004", m_svc.string()));
  const auto sarif_file = m_dir.path() / "report.sarif";
  const auto json_file = m_dir.path() / "report.json";
  const auto run = test::run_shipcheck(fmt::format(
      "run '{}' --format sarif --output '{}' --format json --output '{}' --no-store --static",
      m_svc.string(), sarif_file.string(), json_file.string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::string text = slurp(sarif_file);
  EXPECT_EQ(test::sarif_schema_error(text), "") << text;
  const Json log = Json::parse(text, nullptr, false);
  const Json report = Json::parse(slurp(json_file), nullptr, false);
  ASSERT_FALSE(log.is_discarded()) << text << run.err;
  ASSERT_FALSE(report.is_discarded()) << run.err;

  EXPECT_EQ(sarif_findings(log), json_findings(report));
  const Json* debug = result_for(log, "ENV004");
  ASSERT_NE(debug, nullptr) << text;
  EXPECT_EQ((*debug)["level"], "error");
  const Json& physical = (*debug)["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], ".env.production");
  EXPECT_EQ(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_GE(physical["region"]["startLine"].get<int>(), 1);
  EXPECT_FALSE(
      (*debug)["partialFingerprints"]["shipcheckFingerprint/v1"].get<std::string>().empty());
  EXPECT_EQ(log["runs"][0]["automationDetails"]["id"],
            fmt::format("shipcheck/{}/", report["service"].get<std::string>()));
}

// The JUnit report of a failing demo run parses back (tests/support/junit_summary.py) and
// fails exactly the results the JSON report of the same run fails.
TEST_F(SarifCli, JunitOfAFailingDemoRunParsesBackWithTheSameFailures) {
  test::run_script("demo", fmt::format("plant '{}' ENV004", m_svc.string()));
  const auto junit = m_dir.path() / "junit.xml";
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --static --no-store --format json --format junit --output '{}' "
                  "--output '{}'",
                  m_svc.string(), (m_dir.path() / "report.json").string(), junit.string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const Json report = Json::parse(slurp(m_dir.path() / "report.json"));
  std::string output;
  ASSERT_EQ(test::run_command(
                fmt::format("/usr/bin/python3 '{}' '{}'",
                            (test::source_dir() / "tests/support/junit_summary.py").string(),
                            junit.string()),
                output),
            0)
      << output;
  const Json summary = Json::parse(output);
  std::vector<std::string> failed_rules;
  for (const auto& name : summary["failed"]) {
    failed_rules.push_back(name.get<std::string>().substr(0, name.get<std::string>().find(' ')));
  }
  std::vector<std::string> expected;
  for (const auto& r : report["results"]) {
    if (r["status"] == "fail" || r["status"] == "error") {
      expected.push_back(r["rule"].get<std::string>());
    }
  }
  std::sort(failed_rules.begin(), failed_rules.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(failed_rules, expected);
  EXPECT_NE(std::find(failed_rules.begin(), failed_rules.end(), "ENV004"), failed_rules.end());
  EXPECT_EQ(summary["tests"].get<std::size_t>(), report["results"].size());
}

// The Markdown report of a failing demo run (no checklist linked) lists every failed result
// of the JSON report of the same run as an unticked item, and ticks none of them.
TEST_F(SarifCli, MarkdownOfAFailingDemoRunListsEveryFailure) {
  test::run_script("demo", fmt::format("plant '{}' ENV004", m_svc.string()));
  const auto markdown = m_dir.path() / "report.md";
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --static --no-store --format json --format markdown --output '{}' "
                  "--output '{}'",
                  m_svc.string(), (m_dir.path() / "report.json").string(), markdown.string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const Json report = Json::parse(slurp(m_dir.path() / "report.json"));
  const std::string md = slurp(markdown);
  EXPECT_EQ(md.rfind("# shipcheck: ", 0), 0U) << md;
  EXPECT_NE(md.find(fmt::format("**Score {}/100**", report["score"].get<int>())), std::string::npos)
      << md;
  int failures = 0;
  for (const auto& r : report["results"]) {
    const std::string rule = r["rule"].get<std::string>();
    if (r["status"] == "fail" && !r.contains("suppressed")) {
      ++failures;
      EXPECT_NE(md.find("- [ ] " + rule + " "), std::string::npos) << rule << "\n" << md;
      EXPECT_EQ(md.find("- [x] " + rule + " "), std::string::npos) << rule;
    }
  }
  EXPECT_GE(failures, 1);
  EXPECT_NE(md.find("- [ ] ENV004 "), std::string::npos);
}

}  // namespace
}  // namespace shipcheck
