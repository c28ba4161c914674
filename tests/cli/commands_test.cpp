// The commands besides `run`, through the real binary: init, rules, explain, secret.
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

TEST(InitCommand, WritesAConfigThatRunLoads) {
  test::TempDir dir;
  dir.write("requirements.txt", "fastapi==0.92.0\n");
  dir.write("app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
  dir.write(".env.production", "ENVIRONMENT=production\nDEBUG=false\n");
  auto run = test::run_shipcheck("init .", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "shipcheck.yaml"));
  EXPECT_NE(run.err.find("fastapi"), std::string::npos) << run.err;
  run = test::run_shipcheck("init .", dir.path());
  EXPECT_EQ(run.exit_code, 2) << "refuses to overwrite without --force";
  run = test::run_shipcheck("run . --no-store --format json --only ENV004", dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(test::schema_error(run.out), "");
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["results"].size(), 1U);
  EXPECT_EQ(report["results"][0]["status"], "pass") << "the detected env file was read";
}

TEST(RulesCommand, ListsEveryRuleSortedAsJson) {
  const auto run = test::run_shipcheck("rules --format json");
  ASSERT_EQ(run.exit_code, 0);
  const auto rules = nlohmann::json::parse(run.out)["rules"];
  ASSERT_GE(rules.size(), 23U);
  for (std::size_t i = 1; i < rules.size(); ++i) {
    EXPECT_LT(rules[i - 1]["rule"].get<std::string>(), rules[i]["rule"].get<std::string>());
  }
}

TEST(ExplainCommand, PrintsThePageOrSuggests) {
  auto run = test::run_shipcheck("explain env004");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("# ENV004: ", 0), 0U) << run.out.substr(0, 80);
  run = test::run_shipcheck("explain ENV404");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("did you mean"), std::string::npos) << run.err;
}

TEST(SecretCommand, GeneratesFreshStrongSecrets) {
  const auto a = test::run_shipcheck("secret generate");
  const auto b = test::run_shipcheck("secret generate");
  ASSERT_EQ(a.exit_code, 0);
  EXPECT_EQ(a.out.size(), 44U) << "43 base64url characters of 32 bytes and a newline";
  EXPECT_NE(a.out, b.out);
  const auto hex = test::run_shipcheck("secret generate --bytes 48 --hex");
  EXPECT_EQ(hex.out.size(), 97U);
  EXPECT_EQ(test::run_shipcheck("secret generate --bytes 8").exit_code, 2) << "too weak";
}

TEST(RunCommand, BadFlagsAreUsageErrors) {
  test::TempDir dir;
  EXPECT_EQ(test::run_shipcheck("run . --timeout soon", dir.path()).exit_code, 2);
  EXPECT_EQ(test::run_shipcheck("run . --format yaml", dir.path()).exit_code, 2);
  EXPECT_EQ(test::run_shipcheck("run . --min-score 101", dir.path()).exit_code, 2);
  EXPECT_EQ(test::run_shipcheck("run . --frobnicate", dir.path()).exit_code, 2);
}

TEST(RunCommand, WritesEachFormatToItsOutput) {
  test::TempDir dir;
  const auto run = test::run_shipcheck(
      "run . --no-store --format json --output r.json --format text --output r.txt", dir.path());
  EXPECT_NE(run.exit_code, 2) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  std::ifstream json(dir.path() / "r.json");
  const std::string text((std::istreambuf_iterator<char>(json)), {});
  EXPECT_EQ(test::schema_error(text), "");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "r.txt"));
}

TEST(RunCommand, RecordsRunsInTheStoreWithoutDirtyingGit) {
  test::TempDir dir;
  dir.write("README.md", "x\n");
  test::git_commit_all(dir.path());
  const auto run = test::run_shipcheck("run . --only GIT002", dir.path());
  EXPECT_TRUE(std::filesystem::exists(dir.path() / ".shipcheck" / "history.db")) << run.err;
  const auto again = test::run_shipcheck("run . --format json --only GIT002", dir.path());
  EXPECT_NE(again.out.find("\"pass\""), std::string::npos) << "the store must not dirty the tree";
  EXPECT_EQ(test::schema_error(again.out), "");
}

}  // namespace
}  // namespace shipcheck
