// Small text helpers shared by checks, parsers and the CLI.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shipcheck {

std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::string_view trim(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool contains_icase(std::string_view haystack, std::string_view needle);
std::vector<std::string> split(std::string_view text, char sep);

// Levenshtein distance, case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);
// Candidates within distance <= max(2, len/3) of `word` (case-insensitive), closest first.
std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

// Length of the well-formed UTF-8 sequence starting at text[i] (a non-ASCII lead byte), or
// 0 when it is malformed: overlong forms, surrogates and code points past U+10FFFF
// included (Unicode standard, table 3-7).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// `text` with each malformed UTF-8 byte sequence (as utf8_sequence_length judges it) replaced
// by U+FFFD, for text that goes where only UTF-8 is accepted (YAML, Markdown).
std::string to_valid_utf8(std::string_view text);

// Shannon entropy in bits per character.
double shannon_entropy(std::string_view text);

// Glob as in .gitignore-lite: `*` (no '/'), `**` (any, including '/'), `?`.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace shipcheck
