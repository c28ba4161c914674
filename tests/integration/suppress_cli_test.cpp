// Suppressions and baselines end to end through `shipcheck run` on the demo service.
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

using test::slurp;

const nlohmann::json* find_result(const nlohmann::json& report, const std::string& rule) {
  for (const auto& r : report["results"]) {
    if (r["rule"] == rule) {
      return &r;
    }
  }
  return nullptr;
}

class SuppressCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_svc = m_dir.path() / "svc";
    test::run_script("demo", fmt::format("setup '{}'", m_svc.string()));
    test::run_script("demo", fmt::format("plant '{}' ENV004", m_svc.string()));
  }
  nlohmann::json run_json(const std::string& extra, int expected_exit) {
    const auto run = test::run_shipcheck(
        fmt::format("run '{}' --format json --no-store --static {}", m_svc.string(), extra));
    EXPECT_EQ(run.exit_code, expected_exit) << run.out << run.err;
    EXPECT_EQ(test::schema_error(run.out), "");
    return nlohmann::json::parse(run.out, nullptr, false);
  }
  // Appends to shipcheck.yaml and commits (and re-tags), so the git rules stay green.
  void add_to_config(const std::string& yaml) {
    std::ofstream(m_svc / "shipcheck.yaml", std::ios::app) << yaml;
    test::git(m_svc, "commit -qam 'suppressions'");
    test::git(m_svc, "tag -f -a v1.0.0 -m v1.0.0");
  }
  test::TempDir m_dir;
  std::filesystem::path m_svc;
};

TEST_F(SuppressCli, InlineCommentSuppressesAndStaysInTheReport) {
  const auto env = m_svc / ".env.production";
  std::string text = slurp(env);
  text = std::regex_replace(text, std::regex("DEBUG=true"),
                            "DEBUG=true # shipcheck:ignore ENV004 -- staging mirror");
  std::ofstream(env) << text;
  const auto report = run_json("", 0);
  const auto* r = find_result(report, "ENV004");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->at("status"), "fail");
  EXPECT_EQ(r->at("suppressed")["reason"], "staging mirror");
  EXPECT_EQ(report["score"], 100);
  EXPECT_EQ(report["verdict"], "ready");
}

TEST_F(SuppressCli, ConfigEntryWithReasonSuppresses) {
  add_to_config(
      "suppress:\n  - {rule: ENV004, path: .env.production, reason: \"demo\", expires: "
      "2999-01-01}\n");
  const auto report = run_json("", 0);
  EXPECT_EQ(find_result(report, "ENV004")->at("suppressed")["reason"], "demo");
  EXPECT_TRUE(report["notices"].empty()) << report["notices"].dump();
}

TEST_F(SuppressCli, ExpiredAndUnusedEntriesAreReported) {
  add_to_config(
      "suppress:\n"
      "  - {rule: ENV004, reason: \"old\", expires: 2020-01-01}\n"
      "  - {rule: DOC003, reason: \"never matches\"}\n");
  const auto report = run_json("", 1);
  EXPECT_FALSE(find_result(report, "ENV004")->contains("suppressed"));
  const std::string notices = report["notices"].dump();
  EXPECT_NE(notices.find("expired"), std::string::npos) << notices;
  EXPECT_NE(notices.find("unused"), std::string::npos) << notices;
}

TEST_F(SuppressCli, BaselineAcceptsKnownFindingsOnly) {
  const auto baseline = m_dir.path() / "baseline.json";
  run_json(fmt::format("--write-baseline '{}'", baseline.string()), 1);
  ASSERT_TRUE(std::filesystem::exists(baseline));
  auto report = run_json(fmt::format("--baseline '{}'", baseline.string()), 0);
  EXPECT_EQ(find_result(report, "ENV004")->at("suppressed")["source"], "baseline");
  test::run_script("demo", fmt::format("plant '{}' ENV006", m_svc.string()));
  report = run_json(fmt::format("--baseline '{}'", baseline.string()), 1);
  EXPECT_FALSE(find_result(report, "ENV006")->contains("suppressed")) << "a new finding";
}

TEST_F(SuppressCli, OnlyAndSkipSelectRules) {
  auto report = run_json("--only ENV004", 1);
  EXPECT_EQ(report["results"].size(), 1U);
  report = run_json("--skip ENV004", 0);
  EXPECT_EQ(find_result(report, "ENV004"), nullptr);
}

}  // namespace
}  // namespace shipcheck
