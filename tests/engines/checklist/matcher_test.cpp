// Phrase matcher: normalization, the Phrases line of a page, specific seed items against
// the real rule catalog (the embedded pages), and what must not match.
#include "engines/checklist/matcher.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/import_plan.h"
#include "cli/rule_docs.h"

namespace shipcheck::checklist {
namespace {

const Matcher& catalog() {
  static const Matcher matcher = cli::catalog_matcher();
  return matcher;
}

std::vector<std::string> rules_for(const std::string& text,
                                   const std::vector<std::string>& headings = {}) {
  std::vector<std::string> ids;
  for (const auto& match : catalog().match(text, headings)) {
    ids.push_back(match.rule);
  }
  return ids;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(MatcherWords, LowerCasesSplitsStemsAndDropsStopWords) {
  EXPECT_EQ(normalize_words("Set DEBUG=False in the production"),
            (std::vector<std::string>{"set", "debug", "fals", "production"}));
  EXPECT_EQ(normalize_words("Configured health checks"), normalize_words("configure health check"));
  EXPECT_EQ(normalize_words("passing"), normalize_words("passes"));
  EXPECT_EQ(normalize_words("HTTPS"), std::vector<std::string>{"https"}) << "not HTTP";
  EXPECT_EQ(normalize_words("status redis"), (std::vector<std::string>{"status", "redis"}));
  EXPECT_TRUE(normalize_words("🎯 — …").empty());
}

TEST(MatcherPhrases, ReadsTheLineUnderTheHeading) {
  const auto phrases = parse_phrases("# X\n\n## Phrases\n\n a b , c,,d \n\n## Other\n");
  EXPECT_EQ(phrases, (std::vector<std::string>{"a b", "c", "d"}));
  EXPECT_TRUE(parse_phrases("# X\n\n## What it checks\n\ntext\n").empty());
}

TEST(MatcherPhrases, EveryRulePageHasPhrases) {
  ASSERT_FALSE(cli::rule_docs().empty());
  for (const auto& doc : cli::rule_docs()) {
    EXPECT_FALSE(parse_phrases(doc.markdown).empty()) << doc.id;
  }
}

TEST(Matcher, MapsSeedItemsToTheirRules) {
  // Items as the parser flattens them from the seeds in tests/data/seeds/.
  EXPECT_TRUE(has(rules_for("Set DEBUG=false in production"), "ENV004"));
  EXPECT_TRUE(has(rules_for("DEBUG Flag False - DEBUG=False to disable debug mode"), "ENV004"));
  EXPECT_TRUE(has(rules_for("Restrict CORS origins to your actual domains"), "CORS001"));
  EXPECT_TRUE(has(rules_for("Configure health checks for all containers"), "CMP003"));
  EXPECT_TRUE(
      has(rules_for("Ensure API keys (OpenAI, etc.) are never committed to git"), "GIT001"));
  EXPECT_TRUE(has(rules_for("HSTS headers enabled"), "HDR001"));
}

TEST(Matcher, LeavesUnrelatedItemsAlone) {
  EXPECT_TRUE(rules_for("Notify the marketing team about the launch").empty());
  EXPECT_TRUE(rules_for("Update the changelog").empty());
  EXPECT_TRUE(rules_for("").empty());
}

TEST(Matcher, ShortPhrasesDoNotMatchOnACommonWord) {
  // "/ready" is a path, "Index of" a directory listing, "A+ grade" a scanner's grade.
  const auto ready = rules_for("Alembic Migrations Ready - Latest migrations available and tested");
  EXPECT_TRUE(has(ready, "GIT005"));
  EXPECT_FALSE(has(ready, "HLTH002"));
  EXPECT_TRUE(has(rules_for("Monitor /healthz and /readyz endpoint responses"), "HLTH002"));
  EXPECT_FALSE(
      has(rules_for("Optimize database queries (add indexes, analyze slow queries)"), "EXP005"));
  EXPECT_TRUE(
      rules_for("Use a production-grade container orchestration (Kubernetes, ECS, etc.)").empty());
}

TEST(Matcher, HeadingWordsCompleteAPhraseOnlyWithARareWordInTheText) {
  EXPECT_TRUE(has(rules_for("Set up rollback procedures", {"CI/CD"}), "DOC004"));
  EXPECT_FALSE(
      has(rules_for("Set up production environment with manual approval", {"CI/CD"}), "DOC005"));
}

TEST(Matcher, HeadingWordsAloneDoNotMatch) {
  // Every word of "DEBUG=False" is in the heading, none in the item.
  EXPECT_FALSE(has(rules_for("Ask the team lead", {"DEBUG False"}), "ENV004"));
}

TEST(Matcher, ScoresContiguousAndLongerPhrasesHigher) {
  const Matcher matcher({{"AAA001", {"alpha beta gamma"}}, {"BBB001", {"alpha"}}});
  const auto in_order = matcher.match("alpha beta gamma", {});
  const auto scattered = matcher.match("gamma x alpha y beta", {});
  ASSERT_EQ(in_order.size(), 2U);
  ASSERT_EQ(scattered.size(), 2U);
  EXPECT_EQ(in_order[0].rule, "AAA001") << "three words beat one";
  EXPECT_GT(in_order[0].confidence, scattered[0].confidence) << "as written beats scattered";
  EXPECT_EQ(in_order[1].confidence, k_match_threshold) << "one rare word is just enough";
}

TEST(Matcher, IsDeterministicAndOrdersTiesByRuleId) {
  const Matcher matcher({{"ZZZ001", {"cache"}}, {"AAA001", {"cache"}}});
  const auto first = matcher.match("Warm the cache", {});
  ASSERT_EQ(first.size(), 2U);
  EXPECT_EQ(first[0].rule, "AAA001");
  EXPECT_EQ(first[1].rule, "ZZZ001");
  EXPECT_EQ(matcher.match("Warm the cache", {})[0].confidence, first[0].confidence);
}

}  // namespace
}  // namespace shipcheck::checklist
