// Text helpers shared by the checklist's Markdown and plain-text parsers: heading titles
// without decorations, whitespace, sign-off and table-role heuristics, line splitting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engines/checklist/checklist.h"

namespace shipcheck::checklist::detail {

// Trims and collapses every run of whitespace to one space.
std::string collapse_spaces(std::string_view text);

// A heading's title: without a trailing `¶` (web copies) and without emoji or symbol
// decorations at either end ("🎯 Pre-Deployment", "Testing ✅"). A title that is nothing
// but decoration is kept (trimmed), so a heading never vanishes from the path.
std::string clean_heading(std::string_view raw);

// True iff `text` starts with an emoji or pictographic symbol (after spaces).
bool starts_with_decoration(std::string_view text);

// True iff a heading names a sign-off/approval section ("Sign-Off", "Signatures", "Approval").
bool is_signoff_heading(std::string_view title);

// True iff `text` has a fill-in blank of three or more underscores ("Date: ______").
bool has_fill_in_blank(std::string_view text);

// What a table is to a checklist, from its header cells.
enum class TableRole { other, checklist, signoff };
TableRole classify_table(const std::vector<std::string>& header);

// Lines as Markdown counts them: LF, CRLF and a lone CR each end a line.
std::vector<std::string_view> split_lines(std::string_view text);

// Items of a table row, given the role of its table; rows with no text give none.
bool add_table_row(Checklist& out, TableRole role, std::vector<std::string> cells, int line,
                   const std::vector<std::string>& headings);

// The two parsers behind parse_checklist; the input is already checked (no NUL, size cap).
Checklist parse_markdown(std::string_view text);
Checklist parse_plain_text(std::string_view text);

}  // namespace shipcheck::checklist::detail
