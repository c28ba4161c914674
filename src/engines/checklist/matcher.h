// Relates checklist items to the rule catalog: each rule's doc page lists the phrases a
// checklist uses for what the rule checks ("## Phrases"), and an item matches a rule when
// every word of one of those phrases occurs in it. Pure: the caller hands in the pages.
// docs/import.md gives the scoring and the threshold.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engines/checklist/checklist.h"

namespace shipcheck::checklist {

// A match at or above this confidence relates an item to a rule. It is the score of one
// rare word found in the item's own text (see score_phrase in matcher.cpp): one specific
// word ("healthcheck") is enough, a common one ("container") or heading words alone are not.
inline constexpr double k_match_threshold = 0.5;

struct RulePhrases {
  std::string rule;                  // rule id
  std::vector<std::string> phrases;  // as written on the page
};

struct PhraseMatch {
  std::string rule;
  std::string phrase;       // the phrase as written on the rule's page
  double confidence = 0.0;  // 0..1
};

// The comma-separated phrases on the first non-empty line under "## Phrases"; empty when
// the page has no such section.
std::vector<std::string> parse_phrases(std::string_view markdown);

// Lower-cased words split on anything not a letter or digit, light-stemmed (plural s/es,
// -ing, -ed, a final e) so "Configure health checks" and "health check configured" meet.
// Stop words ("the", "to", "in") are dropped.
std::vector<std::string> normalize_words(std::string_view text);

// A phrase as the matcher holds it: its normalized words and how specific each is (1 when
// at most two rules' phrases use the word, 0.8 up to five, 0.6 beyond).
struct CompiledPhrase {
  std::string text;  // as written on the page
  std::vector<std::string> words;
  std::vector<double> word_rarity;  // one per word
  double rarity = 0.0;              // the most specific word's
  std::string literal;      // lower-cased text a one-word phrase with punctuation needs as is
  bool as_written = false;  // kept its stop words: its words must be adjacent and in order
};

class Matcher {
 public:
  explicit Matcher(std::vector<RulePhrases> catalog);

  // Rules whose best phrase scores >= k_match_threshold against `text` (the item's own
  // words) and `headings` (its section path, worth less): highest confidence first, then
  // by rule id. Deterministic: the same input always gives the same list.
  std::vector<PhraseMatch> match(std::string_view text,
                                 const std::vector<std::string>& headings) const;
  std::vector<PhraseMatch> match(const Item& item) const;

 private:
  struct Rule {
    std::string id;
    std::vector<CompiledPhrase> phrases;
  };
  std::vector<Rule> m_rules;
};

}  // namespace shipcheck::checklist
