// The phrase matcher behind `shipcheck import`: normalizes words, scores each rule's
// phrases against an item, and keeps each rule's best phrase above the threshold.
#include "engines/checklist/matcher.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace shipcheck::checklist {
namespace {

// Words that say nothing about what is checked; dropped so "DEBUG set to False" needs
// only debug, set, false.
const std::set<std::string, std::less<>> k_stop_words{
    "a",    "an",   "the", "to",   "in",  "of",   "for",   "and", "or",   "is",   "are",
    "be",   "with", "on",  "at",   "by",  "as",   "all",   "it",  "its",  "this", "that",
    "from", "into", "via", "your", "our", "each", "every", "if",  "when", "than", "then"};

// Words whose final s is not a plural (stripping it would make HTTPS read as HTTP).
const std::set<std::string, std::less<>> k_keep_final_s{"https", "dns",  "tls", "cors", "aws",
                                                        "ssl",   "jwks", "ids", "vars"};

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

bool is_letter(char c) {
  return c >= 'a' && c <= 'z';
}

// Plural s/es/ies → singular, unless the s belongs to the word (status, redis, https).
void strip_plural(std::string& word) {
  if (word.size() <= 3 || k_keep_final_s.count(word) != 0) {
    return;
  }
  if (ends_with(word, "ies") && word.size() > 4) {
    word.replace(word.size() - 3, 3, "y");
  } else if (ends_with(word, "sses") || ends_with(word, "xes") || ends_with(word, "zes") ||
             ends_with(word, "ches") || ends_with(word, "shes")) {
    word.resize(word.size() - 2);
  } else if (ends_with(word, "s") && !ends_with(word, "ss") && !ends_with(word, "us") &&
             !ends_with(word, "is") && is_letter(word[word.size() - 2])) {
    word.pop_back();
  }
}

// -ing, -ed, then a final e: "configuring", "configured", "configure" all become "configur".
void strip_verb_ending(std::string& word) {
  if (ends_with(word, "ing") && word.size() >= 6) {
    word.resize(word.size() - 3);
  } else if (ends_with(word, "ed") && word.size() >= 5) {
    word.resize(word.size() - 2);
  }
  if (ends_with(word, "e") && word.size() > 3) {
    word.pop_back();
  }
}

std::string stem(std::string word) {
  strip_plural(word);
  strip_verb_ending(word);
  return word;
}

// True iff `needle` occurs in `hay` as a run of adjacent words, in order.
bool contiguous(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// How specific a word is: found in the phrases of at most 2 rules → 1, up to 5 → 0.8,
// more → 0.6 ("container", "security" say little about which rule is meant).
double word_rarity(std::size_t rules_using_it) {
  if (rules_using_it <= 2) {
    return 1.0;
  }
  return rules_using_it <= 5 ? 0.8 : 0.6;
}

// All words (stop words included) decide whether a phrase word is present, so "Index of"
// needs its "of"; the content words (stop words dropped) decide adjacency, so "Set DEBUG
// to false" has "debug false" as written.
struct ItemWords {
  std::vector<std::string> all;
  std::vector<std::string> content;
  std::string lower;  // the text lower-cased, for literal phrases
};

std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<std::string> split_words(std::string_view text, bool drop_stop_words) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !(drop_stop_words && k_stop_words.count(word) != 0)) {
      words.push_back(stem(word));
    }
    word.clear();
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 && u < 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

ItemWords item_words(std::string_view text) {
  return {split_words(text, false), split_words(text, true), lower_case(text)};
}

// A phrase's words without stop words, unless that leaves fewer than two: "A+ grade" must
// not shrink to "grade" nor "Index of" to "index", which any item could say. Such a phrase
// then matches only as written ("use a production-grade" has "a" and "grade", apart).
void set_phrase_words(CompiledPhrase& phrase) {
  auto content = split_words(phrase.text, true);
  auto all = split_words(phrase.text, false);
  phrase.as_written = content.size() < 2 && all.size() > content.size();
  phrase.words = phrase.as_written ? std::move(all) : std::move(content);
}

// A one-word phrase written with punctuation ("/ready", "sk-...") means that exact text:
// its word alone ("ready") would match "Alembic migrations ready".
std::string literal_of(std::string_view text, const std::vector<std::string>& words) {
  const bool punctuated = std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) == 0 && c != ' ';
  });
  return words.size() == 1 && punctuated ? lower_case(text) : std::string();
}

// The score of one phrase against an item, 0 when some phrase word is missing. Each word
// found in the text counts 1, in the headings 0.5; one word scores 0.5, each more +0.15 up
// to four; a phrase found as written (adjacent, in order) +0.1; the result is scaled by the
// phrase's rarity. A section title says where an item is, not what it checks, so heading
// words only complete a phrase whose words in the text include a rare one: "Enable
// persistence" under "Redis" is "redis persistence", but "Set up" under "CI/CD" is not
// "set up CI".
double score_phrase(const CompiledPhrase& phrase, const ItemWords& text,
                    const ItemWords& headings) {
  if ((!phrase.literal.empty() && text.lower.find(phrase.literal) == std::string::npos) ||
      (phrase.as_written && !contiguous(text.all, phrase.words))) {
    return 0.0;
  }
  double in_text = 0;
  double in_headings = 0;
  bool rare_in_text = false;
  for (std::size_t i = 0; i < phrase.words.size(); ++i) {
    if (contains(text.all, phrase.words[i])) {
      in_text += 1;
      rare_in_text = rare_in_text || phrase.word_rarity[i] >= 1.0;
    } else if (contains(headings.all, phrase.words[i])) {
      in_headings += 1;
    } else {
      return 0.0;
    }
  }
  if (in_text == 0 || (in_headings > 0 && !rare_in_text)) {
    return 0.0;
  }
  const double weight = std::min(in_text + 0.5 * in_headings, 4.0);
  double score = 0.35 + 0.15 * weight;
  if (phrase.words.size() >= 2 && in_headings == 0 &&
      (contiguous(text.content, phrase.words) || contiguous(text.all, phrase.words))) {
    score += 0.1;
  }
  // A short item that is mostly this phrase means it, however common its words are
  // ("Security headers are configured"): rarity only discounts a phrase that is a small
  // part of a longer item.
  const bool item_is_phrase = in_headings == 0 && !text.content.empty() &&
                              3 * phrase.words.size() >= 2 * text.content.size();
  const double rarity = item_is_phrase ? 1.0 : phrase.rarity;
  // Rounded to hundredths so that the threshold comparison and the printed figure agree
  // exactly (0.35 + 0.15 is a hair under 0.5 in binary floating point).
  return std::round(std::min(score, 1.0) * rarity * 100.0) / 100.0;
}

}  // namespace

std::vector<std::string> parse_phrases(std::string_view markdown) {
  const std::size_t heading = markdown.find("\n## Phrases");
  if (heading == std::string_view::npos) {
    return {};
  }
  std::size_t pos = markdown.find('\n', heading + 1);
  while (pos != std::string_view::npos && pos + 1 < markdown.size() && markdown[pos + 1] == '\n') {
    ++pos;  // skip blank lines up to the phrase line
  }
  if (pos == std::string_view::npos || pos + 1 >= markdown.size()) {
    return {};
  }
  const std::size_t end = markdown.find('\n', pos + 1);
  const std::string_view line = markdown.substr(
      pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1);
  std::vector<std::string> phrases;
  std::size_t start = 0;
  while (start <= line.size()) {
    const std::size_t comma = std::min(line.find(',', start), line.size());
    std::string_view phrase = line.substr(start, comma - start);
    while (!phrase.empty() && std::isspace(static_cast<unsigned char>(phrase.front())) != 0) {
      phrase.remove_prefix(1);
    }
    while (!phrase.empty() && std::isspace(static_cast<unsigned char>(phrase.back())) != 0) {
      phrase.remove_suffix(1);
    }
    if (!phrase.empty()) {
      phrases.emplace_back(phrase);
    }
    start = comma + 1;
  }
  return phrases;
}

std::vector<std::string> normalize_words(std::string_view text) {
  return split_words(text, true);
}

Matcher::Matcher(std::vector<RulePhrases> catalog) {
  std::sort(catalog.begin(), catalog.end(),
            [](const RulePhrases& a, const RulePhrases& b) { return a.rule < b.rule; });
  std::map<std::string, std::set<std::string>> rules_by_word;
  for (const auto& rule : catalog) {
    Rule compiled{rule.rule, {}};
    for (const auto& text : rule.phrases) {
      CompiledPhrase phrase{text, {}, {}, 0.0, {}, false};
      set_phrase_words(phrase);
      phrase.literal = literal_of(text, phrase.words);
      for (const auto& word : phrase.words) {
        rules_by_word[word].insert(rule.rule);
      }
      if (!phrase.words.empty()) {
        compiled.phrases.push_back(std::move(phrase));
      }
    }
    m_rules.push_back(std::move(compiled));
  }
  // A phrase is as specific as its most specific word.
  for (auto& rule : m_rules) {
    for (auto& phrase : rule.phrases) {
      for (const auto& word : phrase.words) {
        phrase.word_rarity.push_back(word_rarity(rules_by_word[word].size()));
        phrase.rarity = std::max(phrase.rarity, phrase.word_rarity.back());
      }
    }
  }
}

std::vector<PhraseMatch> Matcher::match(std::string_view text,
                                        const std::vector<std::string>& headings) const {
  const ItemWords text_words = item_words(text);
  ItemWords heading_words;
  for (const auto& heading : headings) {
    const ItemWords words = item_words(heading);
    heading_words.all.insert(heading_words.all.end(), words.all.begin(), words.all.end());
  }
  std::vector<PhraseMatch> matches;
  for (const auto& rule : m_rules) {
    PhraseMatch best{rule.id, "", 0.0};
    for (const auto& phrase : rule.phrases) {
      const double score = score_phrase(phrase, text_words, heading_words);
      if (score > best.confidence) {  // strict: the first of equal phrases wins
        best.phrase = phrase.text;
        best.confidence = score;
      }
    }
    if (best.confidence >= k_match_threshold) {
      matches.push_back(std::move(best));
    }
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  return matches;
}

std::vector<PhraseMatch> Matcher::match(const Item& item) const {
  return match(item.text, item.headings);
}

}  // namespace shipcheck::checklist
