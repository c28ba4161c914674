// The Markdown report's view of the linked checklist: items joined to their rules, manual
// items and commands by line (and by text where items share a line), notices when the
// checklist cannot be read.
#include "cli/checklist_view.h"

#include <map>

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::cli {
namespace {

ManualItem manual(std::string id, std::string title, std::string source) {
  ManualItem m;
  m.id = std::move(id);
  m.title = std::move(title);
  m.source = std::move(source);
  return m;
}

TEST(ChecklistView, JoinsItemsToWhatImportMadeOfThem) {
  const test::TempDir dir;
  dir.write("docs/DEPLOY.md",
            "# Release\n\n- [ ] Set DEBUG=false\n- [ ] Notify the team\n  - [ ] Post in #ops\n"
            "- [ ] Run the tests\n");
  Config config = test::config_for(dir.path());
  config.checklist.source = "docs/DEPLOY.md";
  config.checklist.rules = {ChecklistRuleItem{3, "Set DEBUG=false", {"ENV004"}}};
  config.manual = {manual("notify", "Notify the team", "docs/DEPLOY.md:4"),
                   manual("elsewhere", "Post in #ops", "OTHER.md:5")};
  CommandCheck tests;
  tests.id = "tests";
  tests.title = "Run the tests";
  tests.source = "docs/DEPLOY.md:6";
  config.commands = {tests};
  std::vector<std::string> notices;
  const auto view = checklist_view(config, notices);
  ASSERT_TRUE(view.has_value());
  EXPECT_TRUE(notices.empty());
  ASSERT_EQ(view->items.size(), 4U);
  EXPECT_EQ(view->items[0].rules, std::vector<std::string>{"ENV004"});
  EXPECT_EQ(view->items[0].headings, std::vector<std::string>{"Release"});
  EXPECT_EQ(view->items[1].manual_id, "notify");
  EXPECT_EQ(view->items[2].depth, 1);
  EXPECT_EQ(view->items[2].manual_id, "") << "its manual item names another file";
  EXPECT_EQ(view->items[3].command_id, "tests");
}

TEST(ChecklistView, TellsItemsOnOneLineApartByTheirText) {
  const test::TempDir dir;
  // A web copy: one line holds three items ("a: - b - c" split by the plain-text reader).
  dir.write("DEPLOY.txt",
            "Success Criteria¶\n- Uptime: >99.9%\n🚨 Rollback Triggers¶\n"
            "Roll back if: - Backups verified - Team notified\n");
  Config config = test::config_for(dir.path());
  config.checklist.source = "DEPLOY.txt";
  config.manual = {manual("team", "Team notified", "DEPLOY.txt:4"),
                   manual("backups", "Backups verified", "DEPLOY.txt:4")};
  std::vector<std::string> notices;
  const auto view = checklist_view(config, notices);
  ASSERT_TRUE(view.has_value());
  std::map<std::string, std::string> ids;
  for (const auto& item : view->items) {
    ids[item.text] = item.manual_id;
  }
  ASSERT_EQ(ids.size(), 4U);
  EXPECT_EQ(ids["Backups verified"], "backups");
  EXPECT_EQ(ids["Team notified"], "team");
  EXPECT_EQ(ids["Roll back if:"], "") << "no entry has its text";
}

TEST(ChecklistView, AMissingChecklistIsANoticeNotAnError) {
  const test::TempDir dir;
  Config config = test::config_for(dir.path());
  std::vector<std::string> notices;
  EXPECT_FALSE(checklist_view(config, notices).has_value()) << "no checklist: linked";
  EXPECT_TRUE(notices.empty());
  config.checklist.source = "GONE.md";
  EXPECT_FALSE(checklist_view(config, notices).has_value());
  ASSERT_EQ(notices.size(), 1U);
  EXPECT_NE(notices[0].find("checklist: GONE.md cannot be read"), std::string::npos) << notices[0];
}

}  // namespace
}  // namespace shipcheck::cli
