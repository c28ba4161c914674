// Text helpers for the checklist parsers (see text.h).
#include "engines/checklist/text.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace shipcheck::checklist::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Emoji, dingbats, arrows and pictographs; not letters, digits, punctuation or math signs
// (a title may end in "≥" or a quote). Variation selectors and joiners ride along.
bool is_decoration(char32_t cp) {
  return (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF) ||
         (cp >= 0x25A0 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFE0E || cp == 0xFE0F || cp == 0x200D ||
         cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
}

// Decodes the UTF-8 sequence at `pos` (of `len` bytes); 0xFFFD for a malformed one.
char32_t decode_at(std::string_view text, std::size_t pos, std::size_t len) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (len == 1) {
    return lead < 0x80 ? lead : 0xFFFD;
  }
  char32_t cp = lead & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  return cp;
}

std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) {
    return 4;
  }
  if (lead >= 0xE0) {
    return 3;
  }
  return lead >= 0xC0 ? 2 : 1;
}

// Drops leading whitespace and decoration code points.
std::string_view trim_front(std::string_view text) {
  while (!text.empty()) {
    const std::size_t len =
        std::min(sequence_length(static_cast<unsigned char>(text[0])), text.size());
    if (!is_space(text[0]) && !is_decoration(decode_at(text, 0, len))) {
      break;
    }
    text.remove_prefix(len);
  }
  return text;
}

// Drops trailing whitespace and decoration code points.
std::string_view trim_back(std::string_view text) {
  while (!text.empty()) {
    std::size_t start = text.size() - 1;
    // Back up over continuation bytes (10xxxxxx) to the sequence's lead byte, at most 3.
    while (start > 0 && text.size() - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    const std::size_t len = text.size() - start;
    const bool whole = sequence_length(static_cast<unsigned char>(text[start])) == len;
    if (!is_space(text.back()) && !(whole && is_decoration(decode_at(text, start, len)))) {
      break;
    }
    text.remove_suffix(is_space(text.back()) ? 1 : len);
  }
  return text;
}

std::string_view strip_pilcrow(std::string_view text) {
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  constexpr std::string_view k_pilcrow = "\xC2\xB6";
  if (text.size() >= k_pilcrow.size() && text.substr(text.size() - k_pilcrow.size()) == k_pilcrow) {
    text.remove_suffix(k_pilcrow.size());
  }
  return text;
}

bool any_cell_has(const std::vector<std::string>& cells, std::initializer_list<const char*> words) {
  return std::any_of(cells.begin(), cells.end(), [&](const std::string& cell) {
    return std::any_of(words.begin(), words.end(),
                       [&](const char* word) { return contains(cell, word); });
  });
}

}  // namespace

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  return out;
}

std::string clean_heading(std::string_view raw) {
  const std::string_view no_pilcrow = strip_pilcrow(raw);
  const std::string_view stripped = trim_back(trim_front(no_pilcrow));
  return collapse_spaces(stripped.empty() ? no_pilcrow : stripped);
}

bool starts_with_decoration(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  if (text.empty()) {
    return false;
  }
  const std::size_t len =
      std::min(sequence_length(static_cast<unsigned char>(text[0])), text.size());
  return is_decoration(decode_at(text, 0, len));
}

bool is_signoff_heading(std::string_view title) {
  const std::string lower = lower_ascii(title);
  return contains(lower, "sign-off") || contains(lower, "signoff") || contains(lower, "sign off") ||
         contains(lower, "signature") || contains(lower, "approval");
}

bool has_fill_in_blank(std::string_view text) {
  return contains(text, "___");
}

// A sign-off table asks for signatures or approvals, or names people (Name/Role/Approver)
// next to a Date. A checklist table lists items (Item/Check/Task/Step/...) or tracks a
// Status/Done column. Anything else (metrics, revision history) is no checklist.
TableRole classify_table(const std::vector<std::string>& header) {
  std::vector<std::string> cells;
  cells.reserve(header.size());
  for (const std::string& cell : header) {
    cells.push_back(lower_ascii(cell));
  }
  const bool signs =
      any_cell_has(cells, {"signature", "sign-off", "signoff", "sign off", "approved", "approval"});
  const bool names = any_cell_has(cells, {"name", "role", "approver", "reviewer"});
  if (signs || (names && any_cell_has(cells, {"date"}))) {
    return TableRole::signoff;
  }
  const std::string first = cells.empty() ? std::string() : cells.front();
  static constexpr std::array<const char*, 8> k_item_words = {
      "item", "check", "task", "step", "requirement", "criteri", "control", "action"};
  const bool item_column = std::any_of(k_item_words.begin(), k_item_words.end(),
                                       [&](const char* word) { return contains(first, word); });
  if (item_column || any_cell_has(cells, {"status", "done", "complete", "verified"})) {
    return TableRole::checklist;
  }
  return TableRole::other;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') {
      continue;
    }
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
    }
    start = i + 1;
  }
  if (start < text.size()) {
    lines.push_back(text.substr(start));
  }
  return lines;
}

bool add_table_row(Checklist& out, TableRole role, std::vector<std::string> cells, int line,
                   const std::vector<std::string>& headings) {
  // The item's text is its first cell (the role or the check); the rest stay in `cells`.
  const auto first = std::find_if(cells.begin(), cells.end(),
                                  [](const std::string& cell) { return !cell.empty(); });
  if (role == TableRole::other || first == cells.end()) {
    return false;
  }
  Item item;
  item.text = *first;
  item.headings = headings;
  item.line = line;
  item.kind = role == TableRole::signoff ? Kind::signoff : Kind::check;
  item.from_table = true;
  item.cells = std::move(cells);
  out.items.push_back(std::move(item));
  return true;
}

}  // namespace shipcheck::checklist::detail
