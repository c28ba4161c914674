// The plain-text side of the checklist parser, for checklists copied from a rendered web
// page: headings end in `¶`, each `- [ ]` became a bare `-` line with the item's text on
// the next line, and inline code lost its markup, so the text after a code span is joined
// to the next bullet with " - ". The rules are in docs/import.md.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/checklist/checklist.h"
#include "engines/checklist/text.h"

namespace shipcheck::checklist::detail {
namespace {

constexpr std::string_view k_pilcrow_mark = "\xC2\xB6";
constexpr std::string_view k_joined_bullet = " - ";

std::string_view trim_view(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\f\v");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\f\v");
  return text.substr(first, last - first + 1);
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "12. Post-Launch" → true.
bool starts_numbered(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  return i > 0 && text.substr(i, 2) == ". ";
}

// A web copy drops the markup of inline code, and the line break after it survives: a
// line that starts like code (lower case, a path, NAME=value, call(...)) continues the
// item above rather than starting a paragraph.
bool looks_like_code(std::string_view line) {
  const std::string_view token = line.substr(0, line.find(' '));
  if (token.empty()) {
    return false;
  }
  const char first = token.front();
  return (first >= 'a' && first <= 'z') || first == '/' ||
         token.find_first_of("=_/(){}<>$`\\") != std::string_view::npos;
}

// Splits at every " - " (a bullet the copy joined into this line); empty parts dropped.
std::vector<std::string> split_joined(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t found = text.find(k_joined_bullet, start);
    const std::size_t end = found == std::string_view::npos ? text.size() : found;
    std::string part = collapse_spaces(text.substr(start, end - start));
    if (!part.empty()) {
      parts.push_back(std::move(part));
    }
    if (found == std::string_view::npos) {
      break;
    }
    start = found + k_joined_bullet.size();
  }
  return parts;
}

// "Label: 1. a 2. b 3. c" → {"a", "b", "c"}: numbers must count up from 1.
std::vector<std::string> split_numbered(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = std::string_view::npos;
  for (int number = 1;; ++number) {
    const std::string marker = " " + std::to_string(number) + ". ";
    const std::size_t found = text.find(marker, start == std::string_view::npos ? 0 : start);
    if (start != std::string_view::npos) {
      const std::size_t end = found == std::string_view::npos ? text.size() : found;
      parts.push_back(collapse_spaces(text.substr(start, end - start)));
    }
    if (found == std::string_view::npos) {
      break;
    }
    start = found + marker.size();
  }
  return parts;
}

std::vector<std::string> table_cells(std::string_view row) {
  row = trim_view(row);
  if (!row.empty() && row.front() == '|') {
    row.remove_prefix(1);
  }
  if (!row.empty() && row.back() == '|') {
    row.remove_suffix(1);
  }
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= row.size(); ++i) {
    if (i == row.size() || (row[i] == '|' && (i == 0 || row[i - 1] != '\\'))) {
      cells.push_back(collapse_spaces(row.substr(start, i - start)));
      start = i + 1;
    }
  }
  return cells;
}

bool is_separator_row(const std::vector<std::string>& cells) {
  for (const std::string& cell : cells) {
    if (cell.empty() || cell.find_first_not_of("-: ") != std::string::npos) {
      return false;
    }
  }
  return !cells.empty();
}

class PlainTextReader {
 public:
  Checklist run(std::string_view text) {
    const std::vector<std::string_view> lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      on_line(trim_view(lines[i]), static_cast<int>(i) + 1);
    }
    flush_table();
    m_out.format = Format::plain_text;
    return std::move(m_out);
  }

 private:
  // What the previous line promised about this one.
  enum class Expect { nothing, item_text, new_item };

  void on_line(std::string_view line, int number) {
    if (line.empty() || line.front() != '|') {
      flush_table();
    }
    if (line.empty()) {
      return;
    }
    if (ends_with(line, k_pilcrow_mark)) {
      on_heading(line);
    } else if (line.front() == '|') {
      close_item();
      m_table.emplace_back(line, number);
    } else if (line == "-") {
      close_item();
      m_expect = Expect::item_text;  // where a checkbox was; the text follows
    } else if (line.substr(0, 2) == "- ") {
      start_item(line.substr(2), number, Checked::none);
    } else if (m_expect != Expect::nothing) {
      start_item(line, number, m_expect == Expect::item_text ? Checked::unchecked : Checked::none);
    } else if (m_open >= 0 && (m_after_colon || looks_like_code(line))) {
      continue_item(line, number);
    } else {
      close_item();
      on_paragraph(line, number);
    }
  }

  // Heading levels are lost in a copy; a rank from the title's shape stands in: the first
  // heading is the title, an emoji-led one a part, a numbered one a section, any other
  // a subsection of the nearest heading above.
  int heading_rank(std::string_view raw) const {
    if (!m_seen_heading) {
      return 1;
    }
    if (starts_with_decoration(raw)) {
      return 2;
    }
    return starts_numbered(raw) ? 3 : 4;
  }

  void on_heading(std::string_view raw) {
    close_item();
    const int rank = heading_rank(raw);
    m_seen_heading = true;
    while (!m_headings.empty() && m_headings.back().first >= rank) {
      m_headings.pop_back();
    }
    m_headings.emplace_back(rank, clean_heading(raw));
  }

  std::vector<std::string> heading_path() const {
    std::vector<std::string> path;
    for (const auto& heading : m_headings) {
      path.push_back(heading.second);
    }
    return path;
  }

  void close_item() {
    m_open = -1;
    m_expect = Expect::nothing;
    m_after_colon = false;
  }

  // A trailing " -" is a joined bullet whose text is on the next line.
  std::string_view take_trailing_dash(std::string_view text) {
    if (ends_with(text, " -")) {
      m_expect = Expect::new_item;
      return trim_view(text.substr(0, text.size() - 2));
    }
    m_expect = Expect::nothing;
    return text;
  }

  void start_item(std::string_view text, int number, Checked checked) {
    close_item();
    text = take_trailing_dash(text);
    m_open = add_item(collapse_spaces(text), number, checked, -1);
    m_after_colon = ends_with(text, ":");
  }

  // The line continues the open item; any " - " in it starts a sibling item.
  void continue_item(std::string_view line, int number) {
    line = take_trailing_dash(line);
    const std::vector<std::string> parts = split_joined(line);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i == 0 && m_open >= 0) {
        std::string& text = m_out.items[static_cast<std::size_t>(m_open)].text;
        text = collapse_spaces(text + " " + parts[0]);
      } else {
        m_open = add_item(parts[i], number, Checked::none, -1);
      }
    }
    m_after_colon = !parts.empty() && ends_with(parts.back(), ":");
  }

  // "Immediately rollback if: - a - b" and "Rollback Procedure: 1. a 2. b" are lists
  // flattened into one line: the label becomes an item, each part a sub-item.
  void on_paragraph(std::string_view line, int number) {
    const std::size_t dashed = line.find(": - ");
    const std::size_t numbered = line.find(": 1. ");
    const std::size_t colon = std::min(dashed, numbered);
    if (colon == std::string_view::npos) {
      return;  // prose, an env line, a note: not an item
    }
    const std::vector<std::string> parts =
        colon == dashed ? split_joined(line.substr(colon + 1)) : split_numbered(line.substr(colon));
    const int label =
        add_item(collapse_spaces(line.substr(0, colon + 1)), number, Checked::none, -1);
    for (const std::string& part : parts) {
      add_item(part, number, Checked::none, label);
    }
  }

  int add_item(std::string text, int number, Checked checked, int parent) {
    Item item;
    item.kind = has_fill_in_blank(text) ||
                        (!m_headings.empty() && is_signoff_heading(m_headings.back().second))
                    ? Kind::signoff
                    : Kind::check;
    item.text = std::move(text);
    item.headings = heading_path();
    item.line = number;
    item.checked = checked;
    item.parent = parent;
    item.depth = parent >= 0 ? 1 : 0;
    m_out.items.push_back(std::move(item));
    return static_cast<int>(m_out.items.size()) - 1;
  }

  void flush_table() {
    if (m_table.empty()) {
      return;
    }
    const TableRole role = classify_table(table_cells(m_table.front().first));
    for (std::size_t i = 1; i < m_table.size(); ++i) {
      std::vector<std::string> cells = table_cells(m_table[i].first);
      if (!is_separator_row(cells)) {
        add_table_row(m_out, role, std::move(cells), m_table[i].second, heading_path());
      }
    }
    m_table.clear();
  }

  Checklist m_out;
  std::vector<std::pair<int, std::string>> m_headings;  // (rank, title)
  bool m_seen_heading = false;
  int m_open = -1;  // the item a continuation line extends
  Expect m_expect = Expect::nothing;
  bool m_after_colon = false;  // the open item's text ends in ':' ("Run:")
  std::vector<std::pair<std::string_view, int>> m_table;  // pending rows (text, line)
};

}  // namespace

Checklist parse_plain_text(std::string_view text) {
  return PlainTextReader().run(text);
}

}  // namespace shipcheck::checklist::detail
