// Checklist parser: the five seed checklists (every checkbox accounted for once, specific
// items with heading path and line, nesting, commands), the web-copied plain-text mode,
// tables, and hostile input (binary, deep nesting, a large document).
#include "engines/checklist/checklist.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace shipcheck::checklist {
namespace {

using Path = std::vector<std::string>;

std::string read_seed(const std::string& name) {
  std::ifstream in(std::string(SHIPCHECK_TESTS_DIR) + "/data/seeds/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  EXPECT_FALSE(buffer.str().empty()) << name;
  return buffer.str();
}

Checklist parse_ok(std::string_view text, Mode mode = Mode::detect) {
  auto parsed = parse_checklist(text, "t.md", mode);
  if (!parsed) {
    ADD_FAILURE() << "unexpected error: " << parsed.error().to_string();
    return {};
  }
  return *parsed;
}

Checklist parse_seed(const std::string& name) {
  return parse_ok(read_seed(name));
}

// Lines of the raw text holding a task marker: "- [ ]", "* [x]", "1. [ ]".
std::vector<int> task_marker_lines(const std::string& text) {
  static const std::regex k_marker(R"(^\s*([-*+]|\d+[.)])\s+\[[ xX]\])");
  std::vector<int> lines;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (std::regex_search(line, k_marker)) {
      lines.push_back(number);
    }
  }
  return lines;
}

std::vector<int> checkbox_item_lines(const Checklist& list) {
  std::vector<int> lines;
  for (const Item& item : list.items) {
    if (item.checked != Checked::none) {
      lines.push_back(item.line);
    }
  }
  return lines;
}

// Every task marker of the source is one item with a checked state, on the same line.
void expect_every_checkbox_once(const std::string& seed) {
  const std::string text = read_seed(seed);
  const Checklist list = parse_ok(text);
  const std::vector<int> expected = task_marker_lines(text);
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(checkbox_item_lines(list), expected) << seed;
}

const Item* find_item(const Checklist& list, std::string_view text) {
  const auto found = std::find_if(list.items.begin(), list.items.end(),
                                  [&](const Item& item) { return item.text == text; });
  return found == list.items.end() ? nullptr : &*found;
}

// The item with exactly this text, heading path and line.
void expect_item(const Checklist& list, std::string_view text, const Path& headings, int line) {
  const Item* item = find_item(list, text);
  ASSERT_NE(item, nullptr) << "no item \"" << text << "\"";
  EXPECT_EQ(item->headings, headings) << text;
  EXPECT_EQ(item->line, line) << text;
}

int index_of(const Checklist& list, std::string_view text) {
  const Item* item = find_item(list, text);
  return item == nullptr ? -2 : static_cast<int>(item - list.items.data());
}

// ---- the five seeds ----

TEST(ChecklistSeeds, EveryCheckboxOfTheMarkdownSeedsIsOneItem) {
  expect_every_checkbox_once("001_1b290c86d7577f15.txt");
  expect_every_checkbox_once("002_a742afc7305db0a5.txt");
  expect_every_checkbox_once("003_5544dd8b27cf1073.txt");
  expect_every_checkbox_once("004_9a95fce992cb1072.txt");
}

TEST(ChecklistSeeds, Seed001BoldTitlesNestedItemsAndGroupLabels) {
  const Checklist list = parse_seed("001_1b290c86d7577f15.txt");
  EXPECT_EQ(list.format, Format::markdown);
  EXPECT_EQ(list.items.size(), 149U);
  const Path env = {"Deployment Checklist & Guide", "Pre-Deployment Verification",
                    "Environment Variables"};
  expect_item(list, "OPENAI_API_KEY - Set to valid OpenAI API key (sk-...)", env, 22);
  const Path db = {"Deployment Checklist & Guide", "Pre-Deployment Verification",
                   "Database Configuration"};
  expect_item(list, "Run Migrations - Execute: alembic upgrade head", db, 53);
  expect_item(list, "conversations", db, 55);
  // A plain "1. **Health Endpoint Alerts**" holding task items titles them.
  expect_item(list, "Alert if /health returns 503 for > 5 minutes",
              {"Deployment Checklist & Guide", "Post-Deployment Monitoring", "Alert Configuration",
               "Health Endpoint Alerts"},
              355);
  const int parent = index_of(list, "Verify Tables - Confirm tables exist:");
  for (const char* table : {"conversations", "messages", "tasks", "users (if applicable)"}) {
    const Item* item = find_item(list, table);
    ASSERT_NE(item, nullptr) << table;
    EXPECT_EQ(item->parent, parent) << table;
    EXPECT_EQ(item->depth, 1) << table;
  }
  EXPECT_EQ(list.items[static_cast<std::size_t>(parent)].parent, -1);
}

TEST(ChecklistSeeds, Seed001CodeBlocksBetweenListsStayWithTheirSection) {
  const Checklist list = parse_seed("001_1b290c86d7577f15.txt");
  // "### 1. Pre-Deployment Testing" has a bash block and then four items: no single owner.
  const Item* item = find_item(list, "All tests pass");
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(item->code.empty());
  const auto loose = std::find_if(list.loose_code.begin(), list.loose_code.end(),
                                  [](const LooseCode& code) { return code.block.line == 124; });
  ASSERT_NE(loose, list.loose_code.end());
  EXPECT_EQ(loose->block.language, "bash");
  EXPECT_EQ(loose->headings.back(), "1. Pre-Deployment Testing");
  EXPECT_NE(loose->block.text.find("curl http://localhost:8000/health"), std::string::npos);
}

TEST(ChecklistSeeds, Seed002CheckedItemsAndSignOffSection) {
  const Checklist list = parse_seed("002_a742afc7305db0a5.txt");
  EXPECT_EQ(list.items.size(), 128U);
  const Item* done = find_item(list, "All health checks pass");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(done->checked, Checked::checked);
  EXPECT_EQ(done->line, 336);
  expect_item(list, "CORS origins are restricted (not *)",
              {"Production Readiness Checklist", "Pre-Deployment Checklist", "Security"}, 26);
  const Item* developer = find_item(list, "Developer");
  ASSERT_NE(developer, nullptr);
  EXPECT_EQ(developer->kind, Kind::signoff);
  EXPECT_EQ(developer->checked, Checked::unchecked);
  EXPECT_EQ(find_item(list, "Check ALLOWED_ORIGINS setting"), nullptr)
      << "a plain bullet in a task-list document is a note, not an item";
}

TEST(ChecklistSeeds, Seed003CommandsUnderItemsDetailsAndSignatureBlanks) {
  const Checklist list = parse_seed("003_5544dd8b27cf1073.txt");
  EXPECT_EQ(list.items.size(), 104U);
  const Path quality = {"Production Deployment Checklist", "Pre-Deployment Phase (T-7 Days)",
                        "1. Code Quality & Testing"};
  expect_item(list, "All tests passing", quality, 17);
  const Item* tests = find_item(list, "All tests passing");
  ASSERT_NE(tests, nullptr);
  ASSERT_EQ(tests->code.size(), 1U);
  EXPECT_EQ(tests->code[0].language, "bash");
  EXPECT_EQ(tests->code[0].line, 18);
  EXPECT_TRUE(is_shell(tests->code[0]));
  EXPECT_EQ(tests->code[0].text,
            "# Run full test suite\npytest -v\npytest -m smoke\npytest -m integration\n");
  EXPECT_EQ(tests->details.front(), "Expected: 100% pass rate on critical paths");

  const Item* integrity = find_item(list, "Validate data integrity");
  ASSERT_NE(integrity, nullptr);
  ASSERT_EQ(integrity->code.size(), 1U);
  EXPECT_EQ(integrity->code[0].language, "sql");
  EXPECT_FALSE(is_shell(integrity->code[0]));

  expect_item(list, "Hour 1: Active monitoring (every 5 minutes)",
              {"Production Deployment Checklist", "Post-Deployment Phase (T+120)",
               "12. Monitoring & Observation (T+120 to T+720)"},
              482);
  const Item* hour = find_item(list, "Hour 1: Active monitoring (every 5 minutes)");
  ASSERT_NE(hour, nullptr);
  EXPECT_EQ(hour->parent, index_of(list, "Monitor for 6 hours minimum"));

  const Item* lead = find_item(list, "Deployment Lead: _______________ Date: _______________");
  ASSERT_NE(lead, nullptr);
  EXPECT_EQ(lead->kind, Kind::signoff);
  EXPECT_EQ(lead->checked, Checked::none);
  EXPECT_EQ(lead->line, 738);
}

TEST(ChecklistSeeds, Seed004FlatSectionsWithInlineCode) {
  const Checklist list = parse_seed("004_9a95fce992cb1072.txt");
  EXPECT_EQ(list.items.size(), 149U);
  expect_item(list, "Change SECRET_KEY to a strong, random value (32+ characters)",
              {"Production Deployment Checklist", "Security"}, 7);
  expect_item(list, "Set up health checks (/healthz) and readiness probes (/readyz)",
              {"Production Deployment Checklist", "Infrastructure"}, 49);
  expect_item(list, "Review API usage and costs (OpenAI, etc.)",
              {"Production Deployment Checklist", "Cost Optimization"}, 203);
  for (const Item& item : list.items) {
    EXPECT_EQ(item.depth, 0) << item.text;
  }
}

TEST(ChecklistSeeds, Seed000IsReadAsPlainText) {
  const std::string text = read_seed("000_13116b9c83864f26.txt");
  EXPECT_TRUE(looks_like_plain_text(text));
  const Checklist list = parse_ok(text);
  EXPECT_EQ(list.format, Format::plain_text);
  EXPECT_EQ(list.items.size(), 159U);
  const std::string title = "Production Deployment Checklist - Beta 1.0";
  // A bare "-" line was a checkbox; its text is the next line.
  expect_item(list, "All Tests Passing: 177+ tests passing across all agents",
              {title, "Pre-Deployment Checklist", "1. Code Quality & Testing"}, 13);
  EXPECT_EQ(find_item(list, "Backup Current Database")->checked, Checked::unchecked);
  expect_item(
      list, "Maritaca AI: Verify API key works",
      {title, "Pre-Deployment Checklist", "4. Third-Party Services Verification", "LLM Providers"},
      88);
  // Lost inline code: the line after "Ensure" continues it, " - " starts the next item.
  const Path app_security = {title, "Pre-Deployment Checklist", "5. Security Hardening",
                             "Application Security"};
  expect_item(list, "Remove Debug Mode: Ensure DEBUG=Falsein production", app_security, 103);
  expect_item(list, "HTTPS Only: Verify all endpoints use HTTPS", app_security, 104);
  expect_item(list, "Run: make check(format + lint + type-check)",
              {title, "Pre-Deployment Checklist", "1. Code Quality & Testing"}, 19);
  expect_item(list, "Ensure 0 linting errors",
              {title, "Pre-Deployment Checklist", "1. Code Quality & Testing"}, 20);
  // Environment lines under a heading are no items.
  EXPECT_EQ(find_item(list, "LLM_PROVIDER=maritaca"), nullptr);
}

TEST(ChecklistSeeds, Seed000JoinedListsBecomeSubItems) {
  const Checklist list = parse_seed("000_13116b9c83864f26.txt");
  const std::string title = "Production Deployment Checklist - Beta 1.0";
  const Path triggers = {title, "Rollback Triggers"};
  expect_item(list, "Immediately rollback if:", triggers, 261);
  const int label = index_of(list, "Immediately rollback if:");
  for (const char* part :
       {"Error rate >10% for >5 minutes", "API completely unavailable for >2 minutes",
        "LLM provider completely unavailable"}) {
    expect_item(list, part, triggers, 261);
    EXPECT_EQ(find_item(list, part)->parent, label) << part;
    EXPECT_EQ(find_item(list, part)->depth, 1) << part;
  }
  const int procedure = index_of(list, "Rollback Procedure:");
  ASSERT_GE(procedure, 0);
  EXPECT_EQ(find_item(list, "Rollback database migration if needed")->parent, procedure);
  const Item* signature = find_item(list, "Signature: ______________________");
  ASSERT_NE(signature, nullptr);
  EXPECT_EQ(signature->kind, Kind::signoff);
  EXPECT_EQ(signature->headings, (Path{title, "Final Sign-Off"}));
  EXPECT_EQ(find_item(list, "Engineering Lead: All technical requirements met")->kind,
            Kind::signoff);
  // The metrics baseline table is a record, not a checklist.
  EXPECT_EQ(find_item(list, "Test Coverage"), nullptr);
}

// ---- Markdown details ----

TEST(Checklist, FlattensInlineMarkdownToText) {
  const Checklist list = parse_ok("- [ ] **Bold** and `code` and [a link](https://x) and *em*\n");
  ASSERT_EQ(list.items.size(), 1U);
  EXPECT_EQ(list.items[0].text, "Bold and code and a link and em");
  EXPECT_EQ(list.items[0].checked, Checked::unchecked);
}

TEST(Checklist, StripsPilcrowAndEmojiFromHeadings) {
  const Checklist list = parse_ok("# 🚀 Launch ✅\n\n## Checks ¶\n\n- [x] done\n");
  ASSERT_EQ(list.items.size(), 1U);
  EXPECT_EQ(list.items[0].headings, (Path{"Launch", "Checks"}));
  EXPECT_EQ(list.items[0].checked, Checked::checked);
}

TEST(Checklist, KeepsAnEmojiOnlyHeading) {
  const Checklist list = parse_ok("## 🚀\n\n- [ ] go\n");
  ASSERT_EQ(list.items.size(), 1U);
  EXPECT_EQ(list.items[0].headings, (Path{"🚀"}));
}

TEST(Checklist, WithoutTaskListsEveryBulletIsAnItem) {
  const Checklist list = parse_ok("# Steps\n\n- one\n  - one.a\n- two\n");
  ASSERT_EQ(list.items.size(), 3U);
  EXPECT_EQ(list.items[1].text, "one.a");
  EXPECT_EQ(list.items[1].parent, 0);
  EXPECT_EQ(list.items[2].checked, Checked::none);
}

TEST(Checklist, CodeUnderTheOnlyItemOfAHeadingIsItsCommand) {
  const Checklist list = parse_ok(
      "## Migrate\n\n- [ ] Run migrations\n\n```sh\nalembic upgrade head\n```\n\n"
      "## Next\n\n- [ ] a\n- [ ] b\n\n```bash\nls\n```\n");
  ASSERT_EQ(list.items.size(), 3U);
  ASSERT_EQ(list.items[0].code.size(), 1U);
  EXPECT_EQ(list.items[0].code[0].text, "alembic upgrade head\n");
  EXPECT_TRUE(list.items[1].code.empty());
  EXPECT_TRUE(list.items[2].code.empty());
  ASSERT_EQ(list.loose_code.size(), 1U);
  EXPECT_EQ(list.loose_code[0].headings, (Path{"Next"}));
}

TEST(Checklist, SignOffTableRowsAreSignOffItems) {
  const Checklist list = parse_ok(
      "## Approval\n\n| Role | Name | Signature | Date |\n|---|---|---|---|\n"
      "| Engineering Lead | | | |\n| QA | | | |\n\n"
      "| Item | Status |\n|---|---|\n| Backups tested | ☐ |\n\n"
      "| Version | Date | Author |\n|---|---|---|\n| 1.0 | 2026 | me |\n");
  ASSERT_EQ(list.items.size(), 3U);
  EXPECT_EQ(list.items[0].text, "Engineering Lead");
  EXPECT_EQ(list.items[0].kind, Kind::signoff);
  EXPECT_TRUE(list.items[0].from_table);
  EXPECT_EQ(list.items[0].line, 5);
  EXPECT_EQ(list.items[2].text, "Backups tested");
  EXPECT_EQ(list.items[2].kind, Kind::check);
  EXPECT_EQ(list.items[2].cells, (Path{"Backups tested", "☐"}));
}

TEST(Checklist, PlainTextModeCanBeForced) {
  const std::string text = "Checks\n-\nBackups tested\n- Notify team\n";
  EXPECT_FALSE(looks_like_plain_text(text));
  const Checklist list = parse_ok(text, Mode::plain_text);
  ASSERT_EQ(list.items.size(), 2U);
  EXPECT_EQ(list.items[0].text, "Backups tested");
  EXPECT_EQ(list.items[0].line, 3);
  EXPECT_EQ(list.items[1].text, "Notify team");
}

// ---- bad input ----

TEST(Checklist, RejectsBinaryInputAtTheNulByte) {
  const std::string text = std::string("# ok\nab") + '\0' + "cd\n";
  const auto parsed = parse_checklist(text, "bin.md");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().file, "bin.md");
  EXPECT_EQ(parsed.error().line, 2);
  EXPECT_EQ(parsed.error().column, 3);
  EXPECT_NE(parsed.error().message.find("binary"), std::string::npos);
}

TEST(Checklist, SurvivesArbitraryBytes) {
  std::string text;
  unsigned state = 12345;
  for (int i = 0; i < 200000; ++i) {
    state = state * 1103515245U + 12345U;
    const char c = static_cast<char>((state >> 16) & 0xFF);
    text += c == '\0' ? '\x01' : c;
  }
  const auto parsed = parse_checklist(text, "noise.md");
  ASSERT_TRUE(parsed);
  const auto plain = parse_checklist(text, "noise.txt", Mode::plain_text);
  EXPECT_TRUE(plain);
}

TEST(Checklist, SurvivesTenThousandNestingLevels) {
  std::string lists;
  for (int i = 0; i < 10000; ++i) {
    lists += "- [ ] ";
  }
  lists += "deep\n";
  const Checklist list = parse_ok(lists);
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    EXPECT_LT(list.items[i].parent, static_cast<int>(i));
  }
  const Checklist quotes = parse_ok(std::string(10000, '>') + " - [ ] quoted\n");
  // cmark-gfm stops recognising the task marker that deep; the bullet is still the item.
  ASSERT_EQ(quotes.items.size(), 1U);
  EXPECT_NE(quotes.items[0].text.find("quoted"), std::string::npos);
}

TEST(Checklist, ParsesAFiveMegabyteDocument) {
  std::string text;
  int sections = 0;
  while (text.size() < 5U * 1024U * 1024U) {
    text +=
        "## Section " + std::to_string(++sections) + "\n\n- [ ] **Item** `cmd`\n  - [x] sub\n\n";
  }
  const Checklist list = parse_ok(text);
  EXPECT_EQ(list.items.size(), static_cast<std::size_t>(sections) * 2U);
  EXPECT_EQ(list.items.back().parent, static_cast<int>(list.items.size()) - 2);
}

TEST(Checklist, RejectsADocumentOverTheSizeCap) {
  const std::string text(k_max_checklist_bytes + 1, 'a');
  const auto parsed = parse_checklist(text, "big.md");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("more than"), std::string::npos);
}

}  // namespace
}  // namespace shipcheck::checklist
