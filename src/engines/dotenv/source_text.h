// Internal to the dotenv parser: the raw bytes before parsing (BOM, CRLF, binary content)
// and byte offsets turned into line:column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engines/dotenv/expand.h"

namespace shipcheck::dotenv::detail {

struct Position {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 code points), a tab counting as one
};

// The text without a leading UTF-8 BOM and with every CRLF turned into LF. Offsets into
// the result map to the same line and column as in the original.
std::string normalize(std::string_view text);

// The first byte that makes `text` not a text file: NUL, a control character other than
// tab, LF, CR, FF and VT, or invalid UTF-8 (overlong forms and surrogates included).
std::optional<Fault> check_text(std::string_view text);

// The column of text[offset] on the line starting at text[line_start].
int column_at(std::string_view text, std::size_t line_start, std::size_t offset);

// The line and column of text[offset]; linear in `offset`, meant for error reports.
Position locate(std::string_view text, std::size_t offset);

}  // namespace shipcheck::dotenv::detail
