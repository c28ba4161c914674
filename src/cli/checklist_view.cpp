// Building the checklist view; see checklist_view.h.
#include "cli/checklist_view.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "engines/checklist/checklist.h"

namespace shipcheck::cli {
namespace {

// The line of "FILE:LINE" when FILE is the checklist; 0 otherwise.
int line_in(const std::string& source, const std::string& checklist) {
  const auto colon = source.rfind(':');
  if (colon == std::string::npos || source.compare(0, colon, checklist) != 0 ||
      colon != checklist.size()) {
    return 0;
  }
  int line = 0;
  const char* end = source.data() + source.size();
  return std::from_chars(source.data() + colon + 1, end, line).ptr == end ? line : 0;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) ||
      std::filesystem::file_size(path, ec) > checklist::k_max_checklist_bytes) {
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return in ? std::optional<std::string>(buffer.str()) : std::nullopt;
}

// An item of the document, as config entries find it: by its line, and by its text when other
// items share the line (a web copy's "- a - b" is two items on one line).
struct Key {
  int line = 0;
  std::string text;
  bool alone = true;  // the only item on its line
};

// The entry of `entries` that is the item's: `where(entry)` gives its line and title.
template <typename T, typename Where>
const T* find_for(const Key& key, const std::vector<T>& entries, Where where) {
  if (key.line <= 0) {
    return nullptr;
  }
  for (const T& entry : entries) {
    const auto [line, title] = where(entry);
    if (line == key.line && (key.alone || title == key.text)) {
      return &entry;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<report::ChecklistView> checklist_view(const Config& config,
                                                    std::vector<std::string>& notices) {
  const std::string& source = config.checklist.source;
  if (source.empty()) {
    return std::nullopt;
  }
  const auto text = read_file(config.root / source);
  if (!text) {
    notices.push_back(fmt::format(
        "checklist: {} cannot be read (not a file, or over 16 MiB); the Markdown report lists "
        "the results instead",
        source));
    return std::nullopt;
  }
  const auto list = checklist::parse_checklist(*text, source);
  if (!list) {
    notices.push_back(fmt::format("checklist: {}; the Markdown report lists the results instead",
                                  list.error().to_string()));
    return std::nullopt;
  }
  std::map<int, int> items_on_line;
  for (const auto& item : list->items) {
    ++items_on_line[item.line];
  }
  report::ChecklistView view{source, {}};
  for (const auto& item : list->items) {
    const Key key{item.line, item.text, items_on_line[item.line] == 1};
    report::ChecklistLine line{item.headings, item.text, item.line, item.depth, {}, {}, {}};
    if (const auto* rules = find_for(key, config.checklist.rules, [&](const auto& r) {
          return std::pair<int, const std::string&>{r.line, r.title};
        })) {
      line.rules = rules->rules;
    }
    if (const auto* manual = find_for(key, config.manual, [&](const auto& m) {
          return std::pair<int, const std::string&>{line_in(m.source, source), m.title};
        })) {
      line.manual_id = manual->id;
    }
    if (const auto* command = find_for(key, config.commands, [&](const auto& c) {
          return std::pair<int, const std::string&>{line_in(c.source, source), c.title};
        })) {
      line.command_id = command->id;
    }
    view.items.push_back(std::move(line));
  }
  return view;
}

}  // namespace shipcheck::cli
