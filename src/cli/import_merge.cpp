// Merging import's entries into shipcheck.yaml as text; see import_merge.h. yaml-cpp can
// re-emit a document, but drops its comments and reorders nothing back: a config file is
// read by people, so the edit is done on lines, and the result is loaded again before it is
// written (import.cpp).
#include "cli/import_merge.h"

#include <set>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::cli {
namespace {

// Where a top-level key's section lies: its key line and one past its last line (trailing
// blank lines and column-0 comments belong to what follows).
struct Section {
  std::size_t key = 0;
  std::size_t end = 0;
  std::string inline_value;  // what follows "key:" on its line, comment removed, trimmed
};

bool is_key_line(const std::string& line, std::string_view key) {
  return line.size() > key.size() && line.compare(0, key.size(), key) == 0 &&
         line[key.size()] == ':';
}

// A line that starts a new top-level entry: not indented, not a comment, not blank, and not
// a list item (YAML lets a key's list start at the key's own column: "manual:\n- id: x").
bool is_top_level(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '\r' &&
         line[0] != '-';
}

std::string inline_value_of(const std::string& line, std::string_view key) {
  std::string value(trim(std::string_view(line).substr(key.size() + 1)));
  if (!value.empty() && value.front() == '#') {
    value.clear();
  }
  const auto comment = value.find(" #");
  return std::string(trim(value.substr(0, comment)));
}

std::optional<Section> find_section(const std::vector<std::string>& lines, std::string_view key) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_key_line(lines[i], key)) {
      continue;
    }
    Section s{i, i + 1, inline_value_of(lines[i], key)};
    std::size_t j = i + 1;
    while (j < lines.size() && !is_top_level(lines[j])) {
      ++j;
    }
    s.end = j;
    while (s.end > i + 1 && (trim(lines[s.end - 1]).empty() || lines[s.end - 1][0] == '#')) {
      --s.end;
    }
    return s;
  }
  return std::nullopt;
}

// The indentation of the section's first list item ("  " for "  - id: x"; "" for "- id: x").
std::string item_indent(const std::vector<std::string>& lines, const Section& s) {
  for (std::size_t i = s.key + 1; i < s.end; ++i) {
    const auto dash = lines[i].find_first_not_of(" ");
    if (dash != std::string::npos && lines[i].compare(dash, 2, "- ") == 0) {
      return lines[i].substr(0, dash);
    }
  }
  return "  ";
}

// Entries rendered at two spaces, moved to `indent`.
std::vector<std::string> reindented(const std::string& entries, const std::string& indent) {
  std::vector<std::string> out;
  for (const auto& line : split(entries, '\n')) {
    if (line.empty()) {
      out.emplace_back();
    } else {
      out.push_back(indent + line.substr(std::min<std::size_t>(2, line.size())));
    }
  }
  while (!out.empty() && out.back().empty()) {
    out.pop_back();
  }
  return out;
}

// Adds `entries` to the list under `key`, or a new `key:` section at the end of the file.
tl::expected<void, std::string> add_entries(std::vector<std::string>& lines, std::string_view key,
                                            std::string_view comment, const std::string& entries) {
  if (entries.empty()) {
    return {};
  }
  const auto section = find_section(lines, key);
  if (!section) {
    std::vector<std::string> added{""};
    for (const auto& line : split(comment, '\n')) {
      if (!line.empty()) {
        added.push_back(line);
      }
    }
    added.push_back(std::string(key) + ":");
    const auto items = reindented(entries, "  ");
    added.insert(added.end(), items.begin(), items.end());
    while (!lines.empty() && lines.back().empty()) {
      lines.pop_back();
    }
    lines.insert(lines.end(), added.begin(), added.end());
    return {};
  }
  if (section->inline_value == "[]") {
    lines[section->key] = std::string(key) + ":";
  } else if (!section->inline_value.empty()) {
    return tl::make_unexpected(fmt::format(
        "line {}: `{}:` is an inline list; write it as a block list (one `- ` entry per "
        "line) so that entries can be added to it",
        section->key + 1, key));
  }
  const auto items = reindented(entries, item_indent(lines, *section));
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(section->end), items.begin(),
               items.end());
  return {};
}

// Replaces the `checklist:` section (import's own) or adds it at the end.
void set_checklist(std::vector<std::string>& lines, const std::string& checklist) {
  auto items = split(checklist, '\n');
  while (!items.empty() && items.back().empty()) {
    items.pop_back();
  }
  if (const auto section = find_section(lines, "checklist")) {
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(section->key),
                lines.begin() + static_cast<std::ptrdiff_t>(section->end));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(section->key), items.begin(),
                 items.end());
    return;
  }
  while (!lines.empty() && lines.back().empty()) {
    lines.pop_back();
  }
  lines.emplace_back();
  for (const auto& line : split(checklist_comment(), '\n')) {
    if (!line.empty()) {
      lines.push_back(line);
    }
  }
  lines.insert(lines.end(), items.begin(), items.end());
}

}  // namespace

tl::expected<std::string, std::string> merge_import(std::string_view text, const Config& existing,
                                                    const ImportPlan& plan) {
  std::set<std::string> used;
  KnownItems known;
  for (const auto& item : existing.manual) {
    used.insert(item.id);
    known.sources.insert(item.source);
    known.titles.insert(to_lower(item.title));
  }
  for (const auto& command : existing.commands) {
    used.insert(command.id);
    known.sources.insert(command.source);
    known.titles.insert(to_lower(command.title));
  }
  const YamlParts parts = render_yaml_parts(plan, used, known);
  std::vector<std::string> lines = split(text, '\n');
  if (!lines.empty() && lines.back().empty()) {
    lines.pop_back();  // the final newline, put back below
  }
  set_checklist(lines, parts.checklist);
  if (auto added = add_entries(lines, "commands", commands_comment(), parts.commands); !added) {
    return tl::make_unexpected(added.error());
  }
  if (auto added = add_entries(lines, "manual", manual_comment(), parts.manual); !added) {
    return tl::make_unexpected(added.error());
  }
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

}  // namespace shipcheck::cli
