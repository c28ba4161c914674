// End to end on the bundled demo service: the good copy is ready with score 100; each
// planted defect fails exactly its rule (exit 1) and changes no other result.
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

// "DKR001" ... "DKR030": every rule of a family numbered 1..count.
std::vector<std::string> family_rules(const std::string& code, int count) {
  std::vector<std::string> out;
  for (int i = 1; i <= count; ++i) {
    out.push_back(fmt::format("{}{:03}", code, i));
  }
  return out;
}

// Every rule of the ENV, GIT, DOC, DKR, CMP and K8S families has a planted defect in
// scripts/demo.
const std::vector<std::string> k_defects = [] {
  std::vector<std::string> out = {"ENV001", "ENV002", "ENV003", "ENV004", "ENV005", "ENV006",
                                  "ENV007", "ENV008", "ENV009", "ENV010", "ENV011", "ENV012",
                                  "ENV013", "GIT001", "GIT002", "GIT003", "GIT004", "GIT005",
                                  "DOC001", "DOC002", "DOC003", "DOC004", "DOC005"};
  for (const auto& [code, count] :
       std::vector<std::pair<std::string, int>>{{"DKR", 30}, {"CMP", 12}, {"K8S", 24}}) {
    const auto rules = family_rules(code, count);
    out.insert(out.end(), rules.begin(), rules.end());
  }
  return out;
}();

// rule -> sorted statuses, e.g. {"ENV001": "pass"}.
std::map<std::string, std::string> statuses_by_rule(const nlohmann::json& report) {
  std::map<std::string, std::multiset<std::string>> grouped;
  for (const auto& r : report["results"]) {
    grouped[r["rule"].get<std::string>()].insert(r["status"].get<std::string>());
  }
  std::map<std::string, std::string> out;
  for (const auto& [rule, set] : grouped) {
    std::string joined;
    for (const auto& s : set) {
      joined += (joined.empty() ? "" : ",") + s;
    }
    out[rule] = joined;
  }
  return out;
}

struct DemoRun {
  test::CliRun cli;
  nlohmann::json report;
};

DemoRun check_demo(const std::filesystem::path& dir) {
  DemoRun run;
  run.cli =
      test::run_shipcheck(fmt::format("run '{}' --format json --no-store --static", dir.string()));
  run.report = nlohmann::json::parse(run.cli.out, nullptr, false);
  return run;
}

class Demo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_good_dir = std::make_unique<test::TempDir>();
    test::run_script("demo", fmt::format("setup '{}'", (s_good_dir->path() / "svc").string()));
    s_good = std::make_unique<DemoRun>(check_demo(s_good_dir->path() / "svc"));
  }
  static void TearDownTestSuite() {
    s_good.reset();
    s_good_dir.reset();
  }
  static std::unique_ptr<test::TempDir> s_good_dir;
  static std::unique_ptr<DemoRun> s_good;
};
std::unique_ptr<test::TempDir> Demo::s_good_dir;
std::unique_ptr<DemoRun> Demo::s_good;

TEST_F(Demo, GoodCopyIsReadyWithScore100) {
  ASSERT_FALSE(s_good->report.is_discarded()) << s_good->cli.out << s_good->cli.err;
  EXPECT_EQ(s_good->cli.exit_code, 0) << s_good->cli.out;
  EXPECT_EQ(s_good->report["score"], 100);
  EXPECT_EQ(s_good->report["verdict"], "ready");
  for (const auto& r : s_good->report["results"]) {
    EXPECT_TRUE(r["status"] == "pass" || r["status"] == "skip") << r.dump();
  }
  EXPECT_EQ(test::schema_error(s_good->cli.out), "");
}

TEST_F(Demo, GoodCopyRunsEveryRuleOfTheFirstFamilies) {
  const auto statuses = statuses_by_rule(s_good->report);
  for (const auto& rule : k_defects) {
    ASSERT_TRUE(statuses.count(rule)) << rule << " did not run";
    EXPECT_EQ(statuses.at(rule).find("skip"), std::string::npos)
        << rule << " skipped on the demo: " << statuses.at(rule);
  }
}

TEST_F(Demo, ScriptPlantsADefectForEveryRule) {
  const std::string listed = test::run_script("demo", "defects");
  for (const auto& rule : k_defects) {
    EXPECT_NE(listed.find(rule), std::string::npos) << rule;
  }
}

class PlantedDefect : public Demo, public ::testing::WithParamInterface<std::string> {};

// Defects that are also another rule's: a committed env file commits its secrets, which the
// secret rules must then report (the database URL's password and the app's keys).
// A password written into a committed Dockerfile or YAML file is also a hardcoded secret in the
// repository, which the generic assignment detector reports.
const std::map<std::string, std::set<std::string>> k_also_fails{
    {"GIT001", {"SEC012", "SEC013"}},
    {"CMP008", {"SEC013"}},
    {"DKR006", {"SEC013"}},
    {"K8S018", {"SEC013"}},
};

TEST_P(PlantedDefect, FailsOnlyItsRule) {
  const std::string rule = GetParam();
  test::TempDir dir;
  const auto svc = dir.path() / "svc";
  test::run_script("demo", fmt::format("setup '{}'", svc.string()));
  test::run_script("demo", fmt::format("plant '{}' {}", svc.string(), rule));
  const DemoRun run = check_demo(svc);
  ASSERT_FALSE(run.report.is_discarded()) << run.cli.out << run.cli.err;
  EXPECT_EQ(run.cli.exit_code, 1) << run.cli.out;
  EXPECT_EQ(test::schema_error(run.cli.out), "");
  const auto good = statuses_by_rule(s_good->report);
  const auto now = statuses_by_rule(run.report);
  ASSERT_TRUE(now.count(rule));
  EXPECT_NE(now.at(rule).find("fail"), std::string::npos) << rule << ": " << now.at(rule);
  const auto also = k_also_fails.count(rule) ? k_also_fails.at(rule) : std::set<std::string>{};
  for (const auto& other : also) {
    ASSERT_TRUE(now.count(other)) << other;
    EXPECT_NE(now.at(other).find("fail"), std::string::npos)
        << "planting " << rule << " should also fail " << other;
  }
  for (const auto& [other, status] : good) {
    if (other != rule && also.count(other) == 0) {
      EXPECT_EQ(now.count(other) ? now.at(other) : "missing", status)
          << "planting " << rule << " changed " << other;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EachRule, PlantedDefect, ::testing::ValuesIn(k_defects));

}  // namespace
}  // namespace shipcheck
