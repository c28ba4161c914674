// YAML tree builder over libyaml's event API: one pass, a stack of open collections,
// aliases shared by pointer, `<<` merges applied when their map closes.
#include "engines/yaml/document.h"

#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

namespace shipcheck::yaml {
namespace {

// Holds the builder's reason to stop; converted to a ParseError at the top.
struct Failure {
  std::string message;
  int line = 0;
  int column = 0;
  std::string hint;
};

// Owns a libyaml parser (RAII, per STYLE.md).
class Parser {
 public:
  Parser() : m_ok(yaml_parser_initialize(&m_parser) != 0) {}
  ~Parser() { yaml_parser_delete(&m_parser); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  bool ok() const { return m_ok; }
  yaml_parser_t* get() { return &m_parser; }

 private:
  yaml_parser_t m_parser{};
  bool m_ok;
};

// Owns one event between yaml_parser_parse and the next call.
class Event {
 public:
  Event() = default;
  ~Event() { reset(); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  yaml_event_t& get() { return m_event; }
  void set_filled() { m_filled = true; }
  void reset() {
    if (m_filled) {
      yaml_event_delete(&m_event);
      m_filled = false;
    }
  }

 private:
  yaml_event_t m_event{};
  bool m_filled = false;
};

// The key text used for duplicate detection and merges; nullopt for collection keys,
// which YAML allows but no manifest uses and which cannot be compared cheaply.
std::optional<std::string_view> key_text(const Node* key) {
  if (key == nullptr || key->is_map() || key->is_seq()) {
    return std::nullopt;
  }
  return std::string_view(key->value);
}

// One open collection. Its entries (or items) gather on the builder's scratch stack from
// `start` and move into the node, at their final size, when it closes. For maps, `key`
// holds the key awaiting its value, and `merges` the values of `<<` keys, applied at
// MAPPING_END at `merge_at` (relative to `start`).
struct Frame {
  Node* node = nullptr;
  std::size_t start = 0;
  const Node* key = nullptr;
  bool has_key = false;
  bool pending_merge = false;  // the awaited value belongs to a `<<` key
  std::size_t merge_at = 0;
  std::vector<const Node*> merges;
  // Key texts of a map grown past k_linear_keys entries; below that a scan is cheaper.
  std::unique_ptr<std::unordered_set<std::string_view>> big_keys;
};

constexpr std::size_t k_linear_keys = 16;

bool is_plain_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

constexpr std::string_view k_core_prefix = "tag:yaml.org,2002:";

// libyaml resolves `!!str` to "tag:yaml.org,2002:str"; we keep the short form written.
std::string short_tag(const yaml_char_t* tag) {
  if (tag == nullptr) {
    return {};
  }
  std::string_view text(reinterpret_cast<const char*>(tag));
  if (text.substr(0, k_core_prefix.size()) == k_core_prefix) {
    return "!!" + std::string(text.substr(k_core_prefix.size()));
  }
  return std::string(text);
}

class Builder {
 public:
  Builder(Stream& stream, const Limits& limits) : m_stream(stream), m_limits(limits) {}

  // Consumes one event; a Failure stops the parse.
  std::optional<Failure> on_event(const yaml_event_t& event);

 private:
  std::optional<Failure> on_document_start(const yaml_event_t& event);
  std::optional<Failure> on_document_end();
  std::optional<Failure> on_scalar(const yaml_event_t& event);
  std::optional<Failure> on_alias(const yaml_event_t& event);
  std::optional<Failure> on_collection_start(const yaml_event_t& event, Node::Kind kind);
  std::optional<Failure> on_collection_end(const yaml_event_t& event);
  std::optional<Failure> apply_merges(Frame& frame, std::vector<Node::Entry>& entries,
                                      const yaml_mark_t& mark);
  std::optional<Failure> add(const Node* node, const yaml_mark_t& mark, bool is_merge_key);
  bool insert_key(Frame& frame, std::string_view key);
  std::optional<Failure> new_node(const yaml_mark_t& mark, const yaml_char_t* anchor, Node*& out);

  Stream& m_stream;
  const Limits& m_limits;
  std::vector<Frame> m_stack;
  std::vector<Node::Entry> m_entries;  // scratch: entries of the open maps, innermost last
  std::vector<const Node*> m_items;    // scratch: items of the open sequences
  std::unordered_map<std::string, const Node*> m_anchors;  // this document's
  std::unordered_set<const Node*> m_open;                  // anchored, not yet closed
  const Node* m_root = nullptr;
  std::size_t m_alias_uses = 0;
  std::size_t m_merge_work = 0;  // merged entries examined, bounded like nodes
};

Failure failure_at(const yaml_mark_t& mark, std::string message, std::string hint = {}) {
  return Failure{std::move(message), static_cast<int>(mark.line) + 1,
                 static_cast<int>(mark.column) + 1, std::move(hint)};
}

std::optional<Failure> Builder::on_event(const yaml_event_t& event) {
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      return on_document_start(event);
    case YAML_DOCUMENT_END_EVENT:
      return on_document_end();
    case YAML_SCALAR_EVENT:
      return on_scalar(event);
    case YAML_ALIAS_EVENT:
      return on_alias(event);
    case YAML_SEQUENCE_START_EVENT:
      return on_collection_start(event, Node::Kind::seq);
    case YAML_MAPPING_START_EVENT:
      return on_collection_start(event, Node::Kind::map);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      return on_collection_end(event);
    default:  // stream start/end, no event
      return std::nullopt;
  }
}

std::optional<Failure> Builder::on_document_start(const yaml_event_t& event) {
  Document document;
  document.line = static_cast<int>(event.start_mark.line) + 1;
  document.index = static_cast<int>(m_stream.documents.size());
  m_stream.documents.push_back(document);
  m_root = nullptr;
  m_anchors.clear();
  m_open.clear();
  return std::nullopt;
}

std::optional<Failure> Builder::on_document_end() {
  // An empty document (`---` alone, or `--- null`) has no root, as documented.
  if (!m_stream.documents.empty() && m_root != nullptr && !m_root->is_null()) {
    m_stream.documents.back().root = m_root;
  }
  m_root = nullptr;
  return std::nullopt;
}

std::optional<Failure> Builder::new_node(const yaml_mark_t& mark, const yaml_char_t* anchor,
                                         Node*& out) {
  if (m_stream.nodes.size() >= m_limits.max_nodes) {
    return failure_at(mark, fmt::format("more than {} YAML nodes", m_limits.max_nodes),
                      "split the file; shipcheck bounds what one file may cost");
  }
  out = &m_stream.nodes.emplace_back();
  out->line = static_cast<int>(mark.line) + 1;
  out->column = static_cast<int>(mark.column) + 1;
  if (anchor != nullptr) {
    // A later anchor of the same name replaces the earlier one (YAML 1.2, 7.1).
    m_anchors[reinterpret_cast<const char*>(anchor)] = out;
  }
  return std::nullopt;
}

std::optional<Failure> Builder::on_scalar(const yaml_event_t& event) {
  const auto& scalar = event.data.scalar;
  Node* node = nullptr;
  if (auto failure = new_node(event.start_mark, scalar.anchor, node)) {
    return failure;
  }
  node->value.assign(reinterpret_cast<const char*>(scalar.value), scalar.length);
  node->tag = short_tag(scalar.tag);
  node->quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                 scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
                 scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                 scalar.style == YAML_FOLDED_SCALAR_STYLE;
  const bool null_by_text = !node->quoted && node->tag.empty() && is_plain_null(node->value);
  node->kind = (null_by_text || node->tag == "!!null") ? Node::Kind::null : Node::Kind::scalar;
  const bool is_merge_key =
      !node->quoted && (node->tag.empty() || node->tag == "!!merge") && node->value == "<<";
  return add(node, event.start_mark, is_merge_key);
}

std::optional<Failure> Builder::on_alias(const yaml_event_t& event) {
  const char* name = reinterpret_cast<const char*>(event.data.alias.anchor);
  const auto found = m_anchors.find(name != nullptr ? name : "");
  if (found == m_anchors.end()) {
    return failure_at(event.start_mark,
                      fmt::format("found undefined alias '{}'", name != nullptr ? name : ""));
  }
  if (m_open.count(found->second) != 0) {
    // An alias inside its own anchor's node would make the tree a cycle.
    return failure_at(event.start_mark,
                      fmt::format("alias '{}' refers to a node that contains it", name));
  }
  if (++m_alias_uses > m_limits.max_alias_uses) {
    return failure_at(event.start_mark,
                      fmt::format("more than {} alias uses", m_limits.max_alias_uses),
                      "a few aliases expanding into many is how 'billion laughs' works");
  }
  return add(found->second, event.start_mark, false);
}

std::optional<Failure> Builder::on_collection_start(const yaml_event_t& event, Node::Kind kind) {
  if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
    return failure_at(event.start_mark,
                      fmt::format("nesting deeper than {} levels", m_limits.max_depth));
  }
  const yaml_char_t* anchor =
      kind == Node::Kind::map ? event.data.mapping_start.anchor : event.data.sequence_start.anchor;
  const yaml_char_t* tag =
      kind == Node::Kind::map ? event.data.mapping_start.tag : event.data.sequence_start.tag;
  Node* node = nullptr;
  if (auto failure = new_node(event.start_mark, anchor, node)) {
    return failure;
  }
  node->kind = kind;
  node->tag = short_tag(tag);
  if (anchor != nullptr) {
    m_open.insert(node);
  }
  // The collection is placed in its parent now, so its position in the parent's entries
  // follows the file; its own contents come later.
  if (auto failure = add(node, event.start_mark, false)) {
    return failure;
  }
  m_stack.emplace_back();
  m_stack.back().node = node;
  m_stack.back().start = kind == Node::Kind::map ? m_entries.size() : m_items.size();
  return std::nullopt;
}

std::optional<Failure> Builder::on_collection_end(const yaml_event_t& event) {
  if (m_stack.empty()) {
    return std::nullopt;  // libyaml guarantees balance; stay safe regardless
  }
  Frame& frame = m_stack.back();
  const auto start = static_cast<std::ptrdiff_t>(frame.start);
  if (frame.node->is_map()) {
    std::vector<Node::Entry> entries(m_entries.begin() + start, m_entries.end());
    m_entries.resize(frame.start);
    if (!frame.merges.empty()) {
      if (auto failure = apply_merges(frame, entries, event.start_mark)) {
        return failure;
      }
    }
    frame.node->entries = std::move(entries);
  } else {
    frame.node->items.assign(m_items.begin() + start, m_items.end());
    m_items.resize(frame.start);
  }
  if (!m_open.empty()) {
    m_open.erase(frame.node);
  }
  m_stack.pop_back();
  return std::nullopt;
}

// Returns false when the map already has `key`.
bool Builder::insert_key(Frame& frame, std::string_view key) {
  const auto begin = m_entries.begin() + static_cast<std::ptrdiff_t>(frame.start);
  if (!frame.big_keys) {
    const bool seen = std::any_of(begin, m_entries.end(), [key](const Node::Entry& entry) {
      return key_text(entry.key) == key;
    });
    if (seen || m_entries.end() - begin < static_cast<std::ptrdiff_t>(k_linear_keys)) {
      return !seen;
    }
    frame.big_keys = std::make_unique<std::unordered_set<std::string_view>>();
    for (auto it = begin; it != m_entries.end(); ++it) {
      if (const auto text = key_text(it->key)) {
        frame.big_keys->insert(*text);
      }
    }
  }
  return frame.big_keys->insert(key).second;
}

// Places `node` in the innermost open collection (as a key, a value or an item), or makes
// it the document's root.
std::optional<Failure> Builder::add(const Node* node, const yaml_mark_t& mark, bool is_merge_key) {
  if (m_stack.empty()) {
    m_root = node;
    return std::nullopt;
  }
  Frame& frame = m_stack.back();
  if (frame.node->is_seq()) {
    m_items.push_back(node);
    return std::nullopt;
  }
  if (!frame.has_key) {
    frame.has_key = true;
    frame.key = node;
    frame.pending_merge = is_merge_key;
    if (is_merge_key) {
      return std::nullopt;  // several `<<` keys are tolerated: each adds its sources
    }
    if (const auto text = key_text(node); text && !insert_key(frame, *text)) {
      return failure_at(mark, fmt::format("duplicate key '{}'", text->substr(0, 80)),
                        "Kubernetes and docker compose reject a key repeated in one map");
    }
    return std::nullopt;
  }
  frame.has_key = false;
  if (frame.pending_merge) {
    if (frame.merges.empty()) {
      frame.merge_at = m_entries.size() - frame.start;
    }
    frame.merges.push_back(node);
    return std::nullopt;
  }
  m_entries.push_back(Node::Entry{frame.key, node});
  return std::nullopt;
}

// `<<: *a` or `<<: [*a, *b]`: keys written in the map win, then earlier sources win over
// later ones. Merged entries go where the first `<<` was.
std::optional<Failure> Builder::apply_merges(Frame& frame, std::vector<Node::Entry>& entries,
                                             const yaml_mark_t& mark) {
  std::vector<const Node*> sources;
  for (const Node* value : frame.merges) {
    if (value->is_map()) {
      sources.push_back(value);
      continue;
    }
    const bool list_of_maps =
        value->is_seq() && std::all_of(value->items.begin(), value->items.end(),
                                       [](const Node* item) { return item->is_map(); });
    if (!list_of_maps) {
      return Failure{
          "a merge key '<<' needs a map or a list of maps", value->line, value->column, {}};
    }
    sources.insert(sources.end(), value->items.begin(), value->items.end());
  }
  std::unordered_set<std::string_view> keys;
  for (const Node::Entry& entry : entries) {
    if (const auto text = key_text(entry.key)) {
      keys.insert(*text);
    }
  }
  std::vector<Node::Entry> merged;
  for (const Node* source : sources) {
    m_merge_work += source->entries.size();
    if (m_merge_work > m_limits.max_nodes) {
      return failure_at(mark, fmt::format("merges copy more than {} entries", m_limits.max_nodes));
    }
    for (const Node::Entry& entry : source->entries) {
      const auto text = key_text(entry.key);
      if (!text || keys.insert(*text).second) {
        merged.push_back(entry);
      }
    }
  }
  entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(frame.merge_at), merged.begin(),
                 merged.end());
  return std::nullopt;
}

// The length of the line break at text[i] as libyaml reads them (CRLF, CR, LF, NEL, LS,
// PS), or 0.
std::size_t break_length(std::string_view text, std::size_t i) {
  const std::string_view rest = text.substr(i);
  if (rest.starts_with("\r\n") || rest.starts_with("\xC2\x85")) {
    return 2;
  }
  if (rest.starts_with("\xE2\x80\xA8") || rest.starts_with("\xE2\x80\xA9")) {
    return 3;
  }
  return rest.starts_with('\n') || rest.starts_with('\r') ? 1 : 0;
}

// 1-based line and column of a byte offset as libyaml's marks count them: UTF-8
// characters, its line breaks, a leading BOM not counted. O(offset).
std::pair<int, int> position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (i < offset) {
    if (const std::size_t length = break_length(text, i); length > 0) {
      ++line;
      column = 1;
      i += length;
      continue;
    }
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      ++column;
    }
    ++i;
  }
  return {line, column};
}

bool ends_with_break(std::string_view text) {
  return !text.empty() &&
         (text.back() == '\n' || text.back() == '\r' || text.ends_with("\xC2\x85") ||
          text.ends_with("\xE2\x80\xA8") || text.ends_with("\xE2\x80\xA9"));
}

// An error libyaml finds at the end of the input (an unclosed bracket, a missing value)
// is reported where the content ends: just past its last character, not on the empty
// line after the final newline, nor on the line libyaml adds when there is no final
// newline. O(n): for errors only.
void clamp_to_text(std::string_view text, int& line, int& column) {
  const std::size_t content = text.find_last_not_of(" \t\r\n");
  const auto end = position_of(text, content == std::string_view::npos ? 0 : content + 1);
  if (std::pair(line, column) > end) {
    std::tie(line, column) = end;
  }
}

// Nodes (empty values closing the last maps) on the line libyaml adds after a text without
// a final line break move to the end of the last line.
void clamp_to_text(std::string_view text, const yaml_mark_t& stream_end, Stream& stream) {
  if (text.empty() || ends_with_break(text) || stream_end.column != 0 || stream_end.line == 0) {
    return;
  }
  const int phantom = static_cast<int>(stream_end.line) + 1;
  const int column = position_of(text, text.size()).second;
  for (Node& node : stream.nodes) {
    if (node.line == phantom) {
      node.line = phantom - 1;
      node.column = column;
    }
  }
  for (Document& document : stream.documents) {
    document.line = std::min(document.line, phantom - 1);
  }
}

ParseError libyaml_error(const yaml_parser_t& parser, std::string_view text,
                         std::string_view file_name) {
  ParseError error;
  error.file = std::string(file_name);
  error.message = parser.problem != nullptr ? parser.problem : "invalid YAML";
  if (parser.error == YAML_MEMORY_ERROR) {
    error.message = "out of memory";
  }
  if (parser.error == YAML_READER_ERROR) {
    std::tie(error.line, error.column) = position_of(text, parser.problem_offset);
    return error;
  }
  error.line = static_cast<int>(parser.problem_mark.line) + 1;
  error.column = static_cast<int>(parser.problem_mark.column) + 1;
  clamp_to_text(text, error.line, error.column);
  if (parser.context != nullptr) {
    // "while parsing a block mapping" + where that started: where to look for the cause.
    error.hint = fmt::format("{} at line {}, column {}", parser.context,
                             parser.context_mark.line + 1, parser.context_mark.column + 1);
  }
  return error;
}

ParseError to_error(Failure failure, std::string_view text, std::string_view file_name) {
  clamp_to_text(text, failure.line, failure.column);
  return ParseError{std::string(file_name), std::max(failure.line, 1), std::max(failure.column, 1),
                    std::move(failure.message), std::move(failure.hint)};
}

tl::expected<Stream, ParseError> parse_events(std::string_view text, std::string_view file_name,
                                              const Limits& limits) {
  Parser parser;
  if (!parser.ok()) {
    return tl::unexpected(ParseError{std::string(file_name), 1, 1, "out of memory", {}});
  }
  // libyaml asserts on a null input pointer, which an empty string_view may carry.
  static const unsigned char k_empty[1] = {0};
  const auto* input = text.empty() ? k_empty : reinterpret_cast<const unsigned char*>(text.data());
  yaml_parser_set_input_string(parser.get(), input, text.size());
  Stream stream;
  Builder builder(stream, limits);
  Event event;
  for (;;) {
    if (yaml_parser_parse(parser.get(), &event.get()) == 0) {
      return tl::unexpected(libyaml_error(*parser.get(), text, file_name));
    }
    event.set_filled();
    const yaml_event_type_t type = event.get().type;
    if (auto failure = builder.on_event(event.get())) {
      return tl::unexpected(to_error(std::move(*failure), text, file_name));
    }
    if (type == YAML_STREAM_END_EVENT) {
      clamp_to_text(text, event.get().start_mark, stream);
      return stream;
    }
    event.reset();
  }
}

bool equals_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), text) != words.end();
}

// Plain scalars only, and only when no tag says otherwise.
bool may_be_typed(const Node& node, std::string_view tag) {
  return node.is_scalar() && !node.quoted && (node.tag.empty() || node.tag == tag);
}

}  // namespace

const Node* Node::get(std::string_view key) const {
  if (kind != Kind::map) {
    return nullptr;
  }
  for (const Entry& entry : entries) {
    if (!entry.key->is_map() && !entry.key->is_seq() && entry.key->value == key) {
      return entry.value;
    }
  }
  return nullptr;
}

const Node* Node::at(std::initializer_list<std::string_view> path) const {
  const Node* node = this;
  for (std::string_view key : path) {
    node = node->get(key);
    if (node == nullptr) {
      return nullptr;
    }
  }
  return node;
}

std::string_view Node::str(std::string_view fallback) const {
  return kind == Kind::scalar ? std::string_view(value) : fallback;
}

std::optional<bool> Node::as_bool() const {
  if (!may_be_typed(*this, "!!bool")) {
    return std::nullopt;
  }
  if (equals_any(value,
                 {"true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON"})) {
    return true;
  }
  if (equals_any(value,
                 {"false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF"})) {
    return false;
  }
  return std::nullopt;
}

std::optional<long long> Node::as_int() const {
  if (!may_be_typed(*this, "!!int")) {
    return std::nullopt;
  }
  std::string_view text = value;
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && text[1] == 'o') {
    base = 8;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;  // YAML 1.1 (what Kubernetes reads): `defaultMode: 0644` is 420
    text.remove_prefix(1);
  }
  unsigned long long magnitude = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  const auto max = static_cast<unsigned long long>(std::numeric_limits<long long>::max());
  if (magnitude > max + (negative ? 1 : 0)) {
    return std::nullopt;
  }
  if (negative) {
    return magnitude == max + 1 ? std::numeric_limits<long long>::min()
                                : -static_cast<long long>(magnitude);
  }
  return static_cast<long long>(magnitude);
}

tl::expected<Stream, ParseError> parse(std::string_view text, std::string_view file_name,
                                       const Limits& limits) {
  try {
    return parse_events(text, file_name, limits);
  } catch (const std::bad_alloc&) {
    return tl::unexpected(ParseError{std::string(file_name), 1, 1, "out of memory", {}});
  } catch (const std::length_error&) {
    return tl::unexpected(ParseError{std::string(file_name), 1, 1, "out of memory", {}});
  }
}

}  // namespace shipcheck::yaml
