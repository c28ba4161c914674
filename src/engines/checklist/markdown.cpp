// The Markdown side of the checklist parser: cmark-gfm (task list and table extensions)
// builds the tree; one iterative walk over it collects items, headings and code blocks.
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "engines/checklist/checklist.h"
#include "engines/checklist/text.h"

namespace shipcheck::checklist::detail {
namespace {

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using MdParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using MdNodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using MdIterPtr = std::unique_ptr<cmark_iter, IterDeleter>;

bool node_is(cmark_node* node, const char* type) {
  return std::strcmp(cmark_node_get_type_string(node), type) == 0;
}

bool is_list_item(cmark_node* node) {
  return node_is(node, "item") || node_is(node, "tasklist");
}

// Inline content as plain text: emphasis, links and code spans keep their text, line
// breaks become spaces. Iterative, so deeply nested emphasis cannot exhaust the stack.
std::string flatten(cmark_node* node) {
  std::string out;
  const MdIterPtr iter(cmark_iter_new(node));
  for (cmark_event_type ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(iter.get())) {
    cmark_node* cur = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER || cur == node) {
      continue;
    }
    const cmark_node_type type = cmark_node_get_type(cur);
    if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      const char* literal = cmark_node_get_literal(cur);
      out += literal != nullptr ? literal : "";
    }
  }
  return collapse_spaces(out);
}

CodeBlock make_code_block(cmark_node* node) {
  CodeBlock block;
  const char* info = cmark_node_get_fence_info(node);
  const std::string fence = info != nullptr ? info : "";
  const std::string word = fence.substr(0, fence.find_first_of(" \t{,"));
  for (const char c : word) {
    block.language += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const char* literal = cmark_node_get_literal(node);
  block.text = literal != nullptr ? literal : "";
  block.line = cmark_node_get_start_line(node);
  return block;
}

// True iff any list item of the tree is a task item: then only task items are checklist
// items, and plain bullets are their details (or notes between them).
bool has_task_items(cmark_node* root) {
  const MdIterPtr iter(cmark_iter_new(root));
  for (cmark_event_type ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(iter.get())) {
    if (ev == CMARK_EVENT_ENTER && node_is(cmark_iter_get_node(iter.get()), "tasklist")) {
      return true;
    }
  }
  return false;
}

// One list item on the walk's stack of open list items.
struct OpenItem {
  cmark_node* node = nullptr;
  int nearest_item = -1;  // index of the innermost recorded item at or above this one
  bool pushed_group = false;
};

// Group labels (a plain "1. **Health Endpoint Alerts**" holding task items) join the
// heading path; past this many nested ones the innermost are dropped, which keeps a
// pathological nesting from copying a huge path into every item.
constexpr std::size_t k_max_group_labels = 8;

class MarkdownWalker {
 public:
  explicit MarkdownWalker(bool tasks_only) : m_tasks_only(tasks_only) {}

  Checklist run(cmark_node* root) {
    const MdIterPtr iter(cmark_iter_new(root));
    for (cmark_event_type ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
         ev = cmark_iter_next(iter.get())) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (ev == CMARK_EVENT_EXIT) {
        on_exit(node);
      } else if (on_enter(node)) {
        // The node was consumed whole (heading, table): skip its children.
        cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);
      }
    }
    attach_lone_section_code();
    return std::move(m_out);
  }

 private:
  // Returns true iff the node's subtree needs no further walking.
  bool on_enter(cmark_node* node) {
    if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      on_heading(node);
      return true;
    }
    if (node_is(node, "table")) {
      on_table(node);
      return true;
    }
    if (is_list_item(node)) {
      on_item(node);
    } else if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
      on_code(node);
    }
    return false;
  }

  void on_exit(cmark_node* node) {
    if (!m_open.empty() && m_open.back().node == node) {
      if (m_open.back().pushed_group) {
        m_groups.pop_back();
      }
      m_open.pop_back();
    }
  }

  void on_heading(cmark_node* node) {
    const int level = cmark_node_get_heading_level(node);
    while (!m_headings.empty() && m_headings.back().first >= level) {
      m_headings.pop_back();
    }
    m_headings.emplace_back(level, clean_heading(flatten(node)));
    ++m_section;
  }

  std::vector<std::string> heading_path() const {
    std::vector<std::string> path;
    path.reserve(m_headings.size() + m_groups.size());
    for (const auto& heading : m_headings) {
      path.push_back(heading.second);
    }
    path.insert(path.end(), m_groups.begin(), m_groups.end());
    return path;
  }

  int nearest_item() const { return m_open.empty() ? -1 : m_open.back().nearest_item; }

  // The item's own text is its first paragraph; later paragraphs are details.
  static std::pair<std::string, std::vector<std::string>> item_paragraphs(cmark_node* node) {
    std::pair<std::string, std::vector<std::string>> out;
    bool first = true;
    for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
         child = cmark_node_next(child)) {
      if (cmark_node_get_type(child) != CMARK_NODE_PARAGRAPH) {
        continue;
      }
      (first ? out.first : out.second.emplace_back()) = flatten(child);
      first = false;
    }
    return out;
  }

  void on_item(cmark_node* node) {
    auto [text, details] = item_paragraphs(node);
    const bool task = node_is(node, "tasklist");
    OpenItem open{node, nearest_item(), false};
    if (task || !m_tasks_only || has_fill_in_blank(text)) {
      open.nearest_item = record_item(node, task, std::move(text), std::move(details));
    } else if (open.nearest_item >= 0) {
      // A plain bullet under an item says more about it ("Expected: 100% pass rate").
      auto& parent = m_out.items[static_cast<std::size_t>(open.nearest_item)];
      parent.details.push_back(std::move(text));
      parent.details.insert(parent.details.end(), details.begin(), details.end());
    } else if (m_groups.size() < k_max_group_labels && !text.empty()) {
      // A plain bullet outside any item titles the task items it may hold.
      m_groups.push_back(std::move(text));
      open.pushed_group = true;
    }
    m_open.push_back(open);
  }

  int record_item(cmark_node* node, bool task, std::string text, std::vector<std::string> details) {
    Item item;
    item.text = std::move(text);
    item.details = std::move(details);
    item.headings = heading_path();
    item.line = cmark_node_get_start_line(node);
    if (task) {
      item.checked = cmark_gfm_extensions_get_tasklist_item_checked(node) ? Checked::checked
                                                                          : Checked::unchecked;
    }
    const bool signoff_section =
        !m_headings.empty() && is_signoff_heading(m_headings.back().second);
    item.kind = signoff_section || has_fill_in_blank(item.text) ? Kind::signoff : Kind::check;
    item.parent = nearest_item();
    if (item.parent >= 0) {
      item.depth = m_out.items[static_cast<std::size_t>(item.parent)].depth + 1;
    }
    m_out.items.push_back(std::move(item));
    m_item_section.push_back(m_section);
    const int index = static_cast<int>(m_out.items.size()) - 1;
    m_item_of_node[node] = index;
    return index;
  }

  // A code block belongs to the item it sits in, or to the single item of a list right
  // before it; any other waits in its section (see attach_lone_section_code).
  void on_code(cmark_node* node) {
    CodeBlock block = make_code_block(node);
    int owner = nearest_item();
    if (owner < 0) {
      owner = single_item_of_previous_list(node);
    }
    if (owner >= 0) {
      m_out.items[static_cast<std::size_t>(owner)].code.push_back(std::move(block));
      return;
    }
    m_loose_sections.push_back(m_section);
    m_out.loose_code.push_back(LooseCode{heading_path(), std::move(block)});
  }

  int single_item_of_previous_list(cmark_node* node) const {
    cmark_node* previous = cmark_node_previous(node);
    if (previous == nullptr || cmark_node_get_type(previous) != CMARK_NODE_LIST) {
      return -1;
    }
    cmark_node* only = cmark_node_first_child(previous);
    if (only == nullptr || cmark_node_next(only) != nullptr) {
      return -1;
    }
    const auto found = m_item_of_node.find(only);
    return found == m_item_of_node.end() ? -1 : found->second;
  }

  // A section (the text under one heading) with exactly one item: its loose code blocks
  // are that item's commands ("### Run migrations", one task, one ```bash block).
  void attach_lone_section_code() {
    std::map<int, std::pair<int, int>> items_in_section;  // section -> (count, last index)
    for (std::size_t i = 0; i < m_item_section.size(); ++i) {
      auto& entry = items_in_section[m_item_section[i]];
      ++entry.first;
      entry.second = static_cast<int>(i);
    }
    std::vector<LooseCode> still_loose;
    for (std::size_t i = 0; i < m_out.loose_code.size(); ++i) {
      const auto found = items_in_section.find(m_loose_sections[i]);
      if (found != items_in_section.end() && found->second.first == 1) {
        auto& item = m_out.items[static_cast<std::size_t>(found->second.second)];
        item.code.push_back(std::move(m_out.loose_code[i].block));
      } else {
        still_loose.push_back(std::move(m_out.loose_code[i]));
      }
    }
    m_out.loose_code = std::move(still_loose);
  }

  static std::vector<std::string> row_cells(cmark_node* row) {
    std::vector<std::string> cells;
    for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr;
         cell = cmark_node_next(cell)) {
      cells.push_back(flatten(cell));
    }
    return cells;
  }

  void on_table(cmark_node* table) {
    cmark_node* header = cmark_node_first_child(table);
    if (header == nullptr) {
      return;
    }
    const TableRole role = classify_table(row_cells(header));
    for (cmark_node* row = cmark_node_next(header); row != nullptr; row = cmark_node_next(row)) {
      if (add_table_row(m_out, role, row_cells(row), cmark_node_get_start_line(row),
                        heading_path())) {
        m_item_section.push_back(m_section);
      }
    }
  }

  bool m_tasks_only;
  Checklist m_out;
  std::vector<std::pair<int, std::string>> m_headings;  // (level, title)
  std::vector<std::string> m_groups;
  std::vector<OpenItem> m_open;
  int m_section = 0;
  std::vector<int> m_item_section;    // parallel to m_out.items
  std::vector<int> m_loose_sections;  // parallel to m_out.loose_code
  std::unordered_map<cmark_node*, int> m_item_of_node;
};

}  // namespace

Checklist parse_markdown(std::string_view text) {
  // Registration fills a global list without a lock: once, whatever the thread.
  static std::once_flag registered;
  std::call_once(registered, cmark_gfm_core_extensions_ensure_registered);
  const MdParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension("tasklist"));
  cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension("table"));
  cmark_parser_feed(parser.get(), text.data(), text.size());
  const MdNodePtr root(cmark_parser_finish(parser.get()));
  Checklist out = MarkdownWalker(has_task_items(root.get())).run(root.get());
  out.format = Format::markdown;
  return out;
}

}  // namespace shipcheck::checklist::detail
