// libFuzzer target for the manifest loader (the YAML engine): any bytes parse or fail with a
// position inside the input, and every node of what parses is consistent and reachable
// through the helpers without a crash.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engines/yaml/document.h"

namespace {

using shipcheck::yaml::Node;

// abort() is what libFuzzer and the replay driver both report as a failure.
void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

// An upper bound of libyaml's line numbers: it also breaks lines at a lone CR, NEL
// (C2 85) and LS/PS (E2 80 A8/A9), and reads UTF-16 when the input starts with its BOM.
int max_line(std::string_view text) {
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    return static_cast<int>(text.size()) + 1;
  }
  const auto breaks = std::count_if(text.begin(), text.end(), [](char c) {
    return c == '\n' || c == '\r' || c == '\x85' || c == '\xA8' || c == '\xA9';
  });
  return static_cast<int>(breaks) + 1;
}

// Every node once (aliases share nodes, so an expanding walk could be exponential).
// Iterative, so the check itself cannot overflow the stack.
void walk(const Node* root, std::unordered_set<const Node*>& seen, int lines) {
  std::vector<const Node*> todo{root};
  while (!todo.empty()) {
    const Node* node = todo.back();
    todo.pop_back();
    require(node != nullptr);
    if (!seen.insert(node).second) {
      continue;
    }
    require(node->line >= 1 && node->line <= lines && node->column >= 1);
    require(node->is_scalar() || node->is_null() || node->value.empty());
    require(node->is_map() || node->entries.empty());
    require(node->is_seq() || node->items.empty());
    (void)node->str();
    (void)node->as_bool();
    (void)node->as_int();
    std::unordered_set<std::string_view> keys;
    std::size_t lookups = 0;  // get() is linear: bound the checks to keep big maps fast
    for (const Node::Entry& entry : node->entries) {
      require(entry.key != nullptr && entry.value != nullptr);
      if (!entry.key->is_map() && !entry.key->is_seq()) {
        require(keys.insert(entry.key->value).second);  // no duplicates after merges
        require(++lookups > 64 || node->get(entry.key->value) == entry.value);
      }
      todo.push_back(entry.key);
      todo.push_back(entry.value);
    }
    for (const Node* item : node->items) {
      todo.push_back(item);
    }
    (void)node->at({"spec", "template", "spec"});
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming): libFuzzer API
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = max_line(text);
  const auto parsed = shipcheck::yaml::parse(text, "fuzz.yaml");
  if (!parsed) {
    const shipcheck::ParseError& error = parsed.error();
    require(error.line >= 1 && error.line <= lines && error.column >= 1);
    require(!error.message.empty());
    require(error.file == "fuzz.yaml");
    return 0;
  }
  std::unordered_set<const Node*> seen;
  int index = 0;
  for (const auto& document : parsed->documents) {
    require(document.index == index++);
    require(document.line >= 1 && document.line <= lines);
    if (document.root != nullptr) {
      walk(document.root, seen, lines);
    }
  }
  require(seen.size() <= parsed->nodes.size());
  return 0;
}
