// `import --merge`: entries go into an existing shipcheck.yaml at its own indentation, its
// comments and other sections stay, importing twice adds nothing, and a file that cannot take
// entries (an inline list) is refused and left as it was.
#include "cli/import_merge.h"

#include <gtest/gtest.h>

#include "config/loader.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck::cli {
namespace {

std::optional<std::string> no_env(std::string_view) {
  return std::nullopt;
}

const char* const k_checklist =
    "# Release\n\n- [ ] Set DEBUG=false in production\n- [ ] Call the customer\n"
    "- [ ] Reindex\n\n  ```sh\n  ./reindex --all\n  ```\n- [ ] notify the team\n";

Config load(const std::string& text) {
  auto config = config::load_config_text(text, "shipcheck.yaml", "/srv/app", no_env);
  EXPECT_TRUE(config.has_value()) << config.error().to_string() << "\n" << text;
  return config ? *config : Config{};
}

std::string merged(const std::string& existing) {
  const auto list = checklist::parse_checklist(k_checklist, "DEPLOY.md");
  EXPECT_TRUE(list.has_value());
  const ImportPlan plan = plan_import(*list, catalog_matcher(), "DEPLOY.md");
  auto out = merge_import(existing, load(existing), plan);
  EXPECT_TRUE(out.has_value()) << out.error();
  return out ? *out : std::string();
}

TEST(ImportMerge, AddsEntriesToTheListsAtTheirIndentationAndKeepsTheRest) {
  const std::string existing =
      "service: todo\n# our items\nmanual:\n- id: notify-team   # keep me\n  title: Notify the "
      "team\n\n# policy\nrules:\n  disable: [PERF]\n";
  const std::string out = merged(existing);
  EXPECT_NE(out.find("- id: notify-team   # keep me\n  title: Notify the team\n- {id: "
                     "call-the-customer, title: \"Call the customer\", source: \"DEPLOY.md:4\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n# policy\nrules:\n  disable: [PERF]\n"), std::string::npos) << out;
  const Config config = load(out);
  ASSERT_EQ(config.manual.size(), 2U) << "'notify the team' is the hand-written item: " << out;
  EXPECT_EQ(config.manual[1].id, "call-the-customer");
  ASSERT_EQ(config.commands.size(), 1U);
  EXPECT_FALSE(config.commands[0].enabled);
  EXPECT_EQ(config.checklist.source, "DEPLOY.md");
  ASSERT_EQ(config.checklist.rules.size(), 1U);
  EXPECT_EQ(config.checklist.rules[0].rules, std::vector<std::string>{"ENV004"});
  EXPECT_EQ(config.rules.disable, std::vector<std::string>{"PERF"});
}

TEST(ImportMerge, ImportingAgainAddsNothing) {
  const std::string once = merged("service: todo\nmanual: []\n");
  EXPECT_EQ(merged(once), once);
  EXPECT_EQ(load(once).manual.size(), 2U) << once;
}

TEST(ImportMerge, ReplacesTheChecklistSectionItWroteBefore) {
  const std::string existing =
      "service: todo\nchecklist:\n  source: \"OLD.md\"\n  rules:\n    - {line: 9, rules: "
      "[HDR001]}\n\nmanual: []\n";
  const std::string out = merged(existing);
  EXPECT_EQ(out.find("OLD.md"), std::string::npos) << out;
  const Config config = load(out);
  EXPECT_EQ(config.checklist.source, "DEPLOY.md");
  ASSERT_EQ(config.checklist.rules.size(), 1U);
  EXPECT_EQ(config.checklist.rules[0].line, 3);
}

TEST(ImportMerge, RefusesAnInlineListWithEntries) {
  const std::string existing = "service: todo\nmanual: [{id: a}]\n";
  const auto list = checklist::parse_checklist(k_checklist, "DEPLOY.md");
  ASSERT_TRUE(list.has_value());
  const auto out =
      merge_import(existing, load(existing), plan_import(*list, catalog_matcher(), "DEPLOY.md"));
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().find("line 2: `manual:` is an inline list"), std::string::npos)
      << out.error();
}

TEST(ImportMergeCli, WritesTheMergedFileAndLeavesABrokenOneAlone) {
  const test::TempDir dir;
  dir.write("DEPLOY.md", k_checklist);
  dir.write("shipcheck.yaml", "service: todo\nmanual:\n  - id: first\n");
  auto run = test::run_shipcheck("import DEPLOY.md -o shipcheck.yaml --merge", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Config config = load(test::slurp(dir.path() / "shipcheck.yaml"));
  ASSERT_EQ(config.manual.size(), 3U);
  EXPECT_EQ(config.manual[0].id, "first");

  const std::string broken = "service: todo\nmanual: [{id: a}]\n";
  dir.write("shipcheck.yaml", broken);
  run = test::run_shipcheck("import DEPLOY.md -o shipcheck.yaml --merge", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("shipcheck.yaml: line 2: `manual:` is an inline list"), std::string::npos)
      << run.err;
  EXPECT_EQ(test::slurp(dir.path() / "shipcheck.yaml"), broken);

  run = test::run_shipcheck("import DEPLOY.md --merge", dir.path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--merge needs -o FILE"), std::string::npos) << run.err;
}

TEST(ImportMergeCli, NamesTheChecklistRelativeToTheConfig) {
  const test::TempDir dir;
  dir.write("docs/DEPLOY.md", k_checklist);
  dir.write("svc/shipcheck.yaml", "service: todo\n");
  const auto run =
      test::run_shipcheck("import docs/DEPLOY.md -o svc/shipcheck.yaml --merge", dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Config config = load(test::slurp(dir.path() / "svc/shipcheck.yaml"));
  EXPECT_EQ(config.checklist.source, "../docs/DEPLOY.md");
  ASSERT_FALSE(config.manual.empty());
  EXPECT_EQ(config.manual[0].source, "../docs/DEPLOY.md:4");
}

}  // namespace
}  // namespace shipcheck::cli
