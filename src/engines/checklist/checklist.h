// Checklist parser for `shipcheck import`: a Markdown (GFM task lists, tables) or web-copied
// plain-text deployment checklist → its items with heading path, source line, checked state,
// nesting and the code blocks that belong to them. Knows nothing of rules; docs/import.md
// gives the rules for what counts as an item.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::checklist {

// `[ ]` / `[x]`, or none for a plain bullet, a table row or a plain-text line.
enum class Checked { none, unchecked, checked };

// signoff: a human approval slot (a sign-off table row, an item under a "Sign-off" heading,
// a "Name: ____" blank); check: everything else.
enum class Kind { check, signoff };

// A fenced or indented code block; `language` is the fence's first word, lower-cased.
struct CodeBlock {
  std::string language;
  std::string text;
  int line = 0;  // 1-based line of the fence (or first indented line)
};

// True iff the block holds shell commands: bash/sh/shell/console/zsh, or no language.
bool is_shell(const CodeBlock& block);

struct Item {
  std::string text;                   // inline Markdown flattened to plain text
  std::vector<std::string> headings;  // titles from the document root down to the item
  int line = 0;                       // 1-based source line
  Checked checked = Checked::none;
  Kind kind = Kind::check;
  int depth = 0;                     // 0 = top level; a sub-item is one deeper than its parent
  int parent = -1;                   // index into Checklist::items, or -1
  std::vector<std::string> details;  // text of plain sub-bullets and later paragraphs
  std::vector<CodeBlock> code;       // code blocks that belong to this item
  bool from_table = false;
  std::vector<std::string> cells;  // a table row's cells (from_table only)
};

// A code block no item claims, kept with its section so a caller can still offer it.
struct LooseCode {
  std::vector<std::string> headings;
  CodeBlock block;
};

enum class Format { markdown, plain_text };

struct Checklist {
  Format format = Format::markdown;
  std::vector<Item> items;  // in source order; parents come before their children
  std::vector<LooseCode> loose_code;
};

enum class Mode { detect, markdown, plain_text };

// Parses a checklist. `file_name` only appears in errors. Errors: a NUL byte (binary input,
// reported at its line:column) and text over k_max_checklist_bytes. Never throws on bad
// input; time and memory are linear in the input (nesting is walked without recursion).
inline constexpr std::size_t k_max_checklist_bytes = 16U * 1024U * 1024U;
tl::expected<Checklist, ParseError> parse_checklist(std::string_view text,
                                                    std::string_view file_name,
                                                    Mode mode = Mode::detect);

// True iff `text` looks like a checklist copied from a rendered web page: headings end in
// `¶`, and there is no Markdown task list.
bool looks_like_plain_text(std::string_view text);

}  // namespace shipcheck::checklist
