// Checks on the raw bytes of shipcheck.yaml that yaml-cpp does not make (or makes unclearly):
// encoding, control characters, nesting depth, tab indentation, unterminated quotes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"

namespace shipcheck::config {

// A problem in the raw text, at a 1-based position.
struct SourceProblem {
  SourcePos pos;
  std::string message;
  std::string hint;
};

// Deeper nesting than this is refused before yaml-cpp recurses into it.
inline constexpr int k_max_nesting = 64;

// 1-based line and byte column of `offset` in `text`.
SourcePos position_of(std::string_view text, std::size_t offset);

// First NUL byte, control character, invalid UTF-8 sequence or UTF-16/32 byte-order mark.
std::optional<SourceProblem> find_bad_bytes(std::string_view text);

// Where the (approximate, over-counting) nesting of block and flow collections first
// exceeds k_max_nesting. Cheap: one pass, no allocation per character.
std::optional<SourceProblem> find_deep_nesting(std::string_view text);

// The first tab in the leading whitespace of a line at or before `last_line` (1-based).
std::optional<SourcePos> find_tab_indent(std::string_view text, int last_line);

// True iff the quote at `offset` (' or ") has no closing quote before the end of `text`.
bool quote_unterminated(std::string_view text, std::size_t offset);

}  // namespace shipcheck::config
