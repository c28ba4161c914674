// `shipcheck import` through the real binary on the five seed checklists: every item
// accounted for once, the JSON contract, YAML the config loader accepts, the coverage line,
// --explain, -o and --force, and the errors (missing file, binary file).
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/loader.h"
#include "engines/checklist/checklist.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

const std::vector<std::string> k_seeds{"000_13116b9c83864f26.txt", "001_1b290c86d7577f15.txt",
                                       "002_a742afc7305db0a5.txt", "003_5544dd8b27cf1073.txt",
                                       "004_9a95fce992cb1072.txt"};

std::string seed_path(const std::string& name) {
  return (test::source_dir() / "tests/data/seeds" / name).string();
}

std::size_t parsed_items(const std::string& name) {
  const auto list = checklist::parse_checklist(test::slurp(seed_path(name)), name);
  EXPECT_TRUE(list.has_value()) << name;
  return list ? list->items.size() : 0;
}

std::optional<std::string> no_env(std::string_view) {
  return std::nullopt;
}

TEST(ImportCommand, JsonAccountsForEveryItemOnceOnEachSeed) {
  for (const auto& seed : k_seeds) {
    const auto run = test::run_shipcheck("import " + seed_path(seed) + " --format json");
    ASSERT_EQ(run.exit_code, 0) << seed << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    const auto& summary = doc["summary"];
    const auto items = summary["items"].get<std::size_t>();
    EXPECT_EQ(items, parsed_items(seed)) << seed;
    EXPECT_EQ(doc["items"].size(), items) << seed;
    EXPECT_EQ(summary["rules"].get<std::size_t>() + summary["commands"].get<std::size_t>() +
                  summary["manual"].get<std::size_t>(),
              items)
        << seed;
    EXPECT_GT(summary["rules"].get<int>(), 0) << seed << ": some item maps to a rule";
    std::map<std::string, int> decisions;
    for (const auto& item : doc["items"]) {
      ASSERT_TRUE(item["text"].is_string());
      ASSERT_TRUE(item["section"].is_string());
      ASSERT_TRUE(item["source_line"].is_number_integer());
      ASSERT_TRUE(item["rules"].is_array());
      const auto decision = item["decision"].get<std::string>();
      ++decisions[decision];
      EXPECT_EQ(item["rules"].empty(), decision != "rule") << item.dump();
    }
    EXPECT_EQ(decisions["rule"], summary["rules"].get<int>()) << seed;
    EXPECT_EQ(decisions["command"], summary["commands"].get<int>()) << seed;
    EXPECT_EQ(decisions["manual"], summary["manual"].get<int>()) << seed;
    EXPECT_EQ(decisions.size(), 3U - (decisions.count("command") == 0)) << "no other decision";
  }
}

TEST(ImportCommand, YamlLoadsWithTheConfigLoaderOnEachSeed) {
  for (const auto& seed : k_seeds) {
    const auto json = test::run_shipcheck("import " + seed_path(seed) + " --format json");
    const auto summary = nlohmann::json::parse(json.out)["summary"];
    const auto run = test::run_shipcheck("import " + seed_path(seed));
    ASSERT_EQ(run.exit_code, 0) << seed << run.err;
    const auto expected = fmt::format("{} items: {} mapped to rules, {} command checks, {} manual",
                                      summary["items"].get<int>(), summary["rules"].get<int>(),
                                      summary["commands"].get<int>(), summary["manual"].get<int>());
    EXPECT_NE(run.err.find(expected), std::string::npos) << seed << run.err;
    EXPECT_NE(run.out.find(expected), std::string::npos) << "the header has the coverage";
    test::TempDir dir;
    const auto config = config::load_config_text(run.out, "shipcheck.yaml", dir.path(), no_env);
    ASSERT_TRUE(config.has_value()) << seed << ": " << config.error().to_string();
    EXPECT_EQ(config->manual.size(), summary["manual"].get<std::size_t>()) << seed;
    std::set<std::string> ids;
    for (const auto& item : config->manual) {
      EXPECT_LE(item.id.size(), 40U) << item.id;
      EXPECT_TRUE(ids.insert(item.id).second) << item.id;
      EXPECT_NE(item.source.find(seed + ":"), std::string::npos) << item.source;
      EXPECT_TRUE(item.required);
    }
  }
}

TEST(ImportCommand, KeepsTextThatLooksLikeYamlOrAVariable) {
  test::TempDir dir;
  dir.write("c.md",
            "# Release\n\n- [ ] Ask \"ops\": is ${REGION} #1? \\o/\n- [ ] key: value\n"
            "- [ ] Ask \"ops\": is ${REGION} #1? \\o/\n- [ ] Sign: ____\n");
  const auto run = test::run_shipcheck("import c.md", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto config = config::load_config_text(run.out, "shipcheck.yaml", dir.path(), no_env);
  ASSERT_TRUE(config.has_value()) << config.error().to_string() << "\n" << run.out;
  ASSERT_EQ(config->manual.size(), 4U) << run.out;
  EXPECT_EQ(config->manual[0].title, "Ask \"ops\": is ${REGION} #1? \\o/");
  EXPECT_EQ(config->manual[1].title, "key: value");
  EXPECT_NE(config->manual[0].id, config->manual[2].id) << "repeated text, unique ids";
  EXPECT_EQ(config->manual[0].source, "c.md:3");
}

TEST(ImportCommand, AChecklistWithoutItemsGivesAConfigThatLoads) {
  test::TempDir dir;
  dir.write("c.md", "# Release notes\n\nJust prose.\n");
  const auto run = test::run_shipcheck("import c.md", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("0 items: 0 mapped to rules, 0 command checks, 0 manual"),
            std::string::npos)
      << run.err;
  const auto config = config::load_config_text(run.out, "shipcheck.yaml", dir.path(), no_env);
  ASSERT_TRUE(config.has_value()) << config.error().to_string() << "\n" << run.out;
  EXPECT_TRUE(config->manual.empty());
}

TEST(ImportCommand, ExplainSaysWhyForEachItem) {
  test::TempDir dir;
  dir.write("c.md",
            "# Release\n\n- [ ] Set `DEBUG=false` in production\n- [ ] Call the customer\n"
            "\n## Reindex\n\n- [ ] Reindex the catalogue\n\n```sh\n./scripts/reindex --all\n```\n");
  const auto run = test::run_shipcheck("import c.md --explain", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("c.md:3 Set DEBUG=false in production -> rule: ENV004 (\""),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("c.md:4 Call the customer -> manual: no rule phrase matched"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("c.md:8 Reindex the catalogue -> command"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("3 items: 1 mapped to rules, 1 command checks, 1 manual"),
            std::string::npos)
      << run.out;
  const auto yaml = test::run_shipcheck("import c.md", dir.path());
  const auto config = config::load_config_text(yaml.out, "shipcheck.yaml", dir.path(), no_env);
  ASSERT_TRUE(config.has_value()) << config.error().to_string() << "\n" << yaml.out;
  ASSERT_EQ(config->commands.size(), 1U);
  EXPECT_EQ(config->commands[0].run, "./scripts/reindex --all\n");
  EXPECT_EQ(config->commands[0].source, "c.md:8");
  EXPECT_FALSE(config->commands[0].enabled) << "imported commands stay off until read";
  EXPECT_EQ(config->checklist.source, "c.md");
  ASSERT_EQ(config->checklist.rules.size(), 1U);
  EXPECT_EQ(config->checklist.rules[0].line, 3);
  EXPECT_EQ(config->checklist.rules[0].rules, std::vector<std::string>{"ENV004"});
}

TEST(ImportCommand, CommandsKeepTheirIndentationAndLoad) {
  test::TempDir dir;
  dir.write("c.md",
            "# Release\n\n- [ ] Build\n\n  ```sh\n      indented first\n  second $HOME\n"
            "\n  third\n  ```\n");
  const auto yaml = test::run_shipcheck("import c.md", dir.path());
  ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
  const auto config = config::load_config_text(yaml.out, "shipcheck.yaml", dir.path(), no_env);
  ASSERT_TRUE(config.has_value()) << config.error().to_string() << "\n" << yaml.out;
  ASSERT_EQ(config->commands.size(), 1U) << yaml.out;
  EXPECT_EQ(config->commands[0].run, "    indented first\nsecond $HOME\n\nthird\n") << yaml.out;
}

TEST(ImportCommand, SignOffItemsAreManualEvenWhenARulePhraseMatches) {
  test::TempDir dir;
  dir.write("c.md", "# Release\n\n## Sign-off\n\n- [ ] QA confirms DEBUG=False in production\n");
  const auto run = test::run_shipcheck("import c.md --format json", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  ASSERT_EQ(doc["items"].size(), 1U);
  EXPECT_EQ(doc["items"][0]["decision"], "manual");
  EXPECT_EQ(doc["items"][0]["section"], "Release > Sign-off");
  EXPECT_EQ(doc["items"][0]["source_line"], 5);
  EXPECT_TRUE(doc["items"][0]["rules"].empty());
  EXPECT_TRUE(run.err.empty()) << "no coverage line in JSON mode: " << run.err;
}

TEST(ImportCommand, WritesTheOutputFileOnlyWithForceOverAnExistingOne) {
  test::TempDir dir;
  dir.write("c.md", "- [ ] Call the customer\n");
  auto run = test::run_shipcheck("import c.md -o out.yaml", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(test::slurp(dir.path() / "out.yaml").find("call-the-customer"), std::string::npos);
  dir.write("out.yaml", "keep\n");
  run = test::run_shipcheck("import c.md -o out.yaml", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--force"), std::string::npos) << run.err;
  EXPECT_EQ(test::slurp(dir.path() / "out.yaml"), "keep\n");
  run = test::run_shipcheck("import c.md -o out.yaml --force", dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(test::slurp(dir.path() / "out.yaml").find("call-the-customer"), std::string::npos);
}

TEST(ImportCommand, MissingOrBinaryFilesAreUsageErrorsWithTheLocation) {
  test::TempDir dir;
  auto run = test::run_shipcheck("import nothere.md", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("nothere.md: no such file"), std::string::npos) << run.err;
  dir.write("bin.md", std::string("- [ ] ok\nab\0cd\n", 15));
  run = test::run_shipcheck("import bin.md", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bin.md:2:3: binary data"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(test::run_shipcheck("import bin.md --format toml", dir.path()).exit_code, 2);
  EXPECT_EQ(test::run_shipcheck("import", dir.path()).exit_code, 2);
}

}  // namespace
}  // namespace shipcheck
