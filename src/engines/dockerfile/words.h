// Dockerfile lexing helpers shared by the parser and its tests: word splitting the way
// BuildKit's parser does it, JSON (exec form) arrays, and heredoc openers on a line.
// Internal to engines/dockerfile; rules use dockerfile.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::dockerfile::detail {

// Character classes by table: the splitters look at every byte of every line.
enum CharClass : std::uint8_t { k_blank_char = 1U, k_quote_char = 2U };
inline constexpr std::array<std::uint8_t, 256> k_char_classes = [] {
  std::array<std::uint8_t, 256> table{};
  for (const unsigned char c : {' ', '\t', '\r', '\f', '\v', '\n'}) {
    table[c] = k_blank_char;
  }
  table[static_cast<unsigned char>('\'')] = k_quote_char;
  table[static_cast<unsigned char>('"')] = k_quote_char;
  return table;
}();

inline std::uint8_t char_class(char c) {
  return k_char_classes[static_cast<unsigned char>(c)];
}

// The blanks BuildKit splits and trims on (Go's unicode.IsSpace, ASCII part).
inline bool is_blank(char c) {
  return char_class(c) == k_blank_char;
}

std::string_view trim_blanks(std::string_view text);

// Splits like a shell for simple cases: blanks separate words, quotes are removed ('...'
// literal; "..." where `escape` quotes only " $ and itself), `escape` + c gives c outside
// quotes. An unterminated quote runs to the end. Appends to `out`.
void split_shell_words(std::string_view text, char escape, std::vector<std::string>& out);

// BuildKit's parseWords: the same split but quotes and escapes are kept in the words
// (ENV/LABEL/ARG take their `name=value` pairs from these), so each word is a span of
// `text`. Appends to `out`.
void raw_word_spans(std::string_view text, char escape, std::vector<std::string_view>& out);
std::vector<std::string> split_raw_words(std::string_view text, char escape);

enum class JsonArray {
  not_json,     // not a JSON array: Docker runs the text as shell form
  strings,      // a JSON array of strings: exec form, `out` holds them
  non_strings,  // a valid JSON array holding something else: BuildKit rejects it
};
// Parses `text` (already trimmed) as one JSON array and nothing else. Nesting is bounded.
JsonArray parse_json_array(std::string_view text, std::vector<std::string>& out);

struct HeredocOpener {
  std::size_t offset = 0;  // of the word (e.g. "<<-EOF") in the line
  std::string name;        // the delimiter, quotes removed
  bool strip_tabs = false;
  bool expand = true;
};
// The heredoc openers among the words of `line` (BuildKit: a word matching
// ^[0-9]*<<-?\s*[^<]+$, quotes kept; `<<` followed by blanks joins the next word). A line
// with an unterminated quote has none, as in BuildKit.
std::vector<HeredocOpener> find_heredocs(std::string_view line);

// A case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b);

}  // namespace shipcheck::dockerfile::detail
