// YAML documents as a small read-only tree with 1-based positions, built from libyaml's
// event stream (libyaml parses ~7x faster than yaml-cpp, which matters when linting
// thousands of manifests). For Kubernetes manifests, Helm/kubectl output and compose
// files: many documents per stream, comments, anchors, aliases and `<<` merge keys.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::yaml {

// A plain scalar that YAML reads as null (empty, `~`, `null`, `Null`, `NULL`, or tagged
// `!!null`) is Kind::null, its written text still in `value`. An alias is the very Node its
// anchor names (shared, never copied), so a walk over a tree must not assume a tree is
// cheap to expand: visit each Node once.
struct Node {
  enum class Kind { null, scalar, map, seq };
  struct Entry;

  Kind kind = Kind::null;
  std::string value;    // scalar text (plain, quoted or block), empty otherwise
  std::string tag;      // explicit tag as written ("!!str", "!Ref"); empty when none
  bool quoted = false;  // scalar written in quotes or as a block: never a bool or number
  int line = 0;         // 1-based position of the node's first character
  int column = 0;
  std::vector<Entry> entries;      // map: in file order, `<<` merges already applied
  std::vector<const Node*> items;  // seq

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_map() const { return kind == Kind::map; }
  bool is_seq() const { return kind == Kind::seq; }

  // Map lookup by key text; nullptr when this is not a map or the key is absent.
  const Node* get(std::string_view key) const;
  // Path lookup through maps: at({"spec", "template", "spec"}).
  const Node* at(std::initializer_list<std::string_view> path) const;
  // The scalar's text, or `fallback` when this is not a scalar.
  std::string_view str(std::string_view fallback = {}) const;
  // YAML 1.1 booleans (what Kubernetes reads) of plain scalars without a contrary tag:
  // y/yes/on/true and n/no/off/false, each lower case, Capitalized or UPPER. Quoted
  // scalars are strings: nullopt.
  std::optional<bool> as_bool() const;
  // Plain integers: decimal with optional sign, 0x hex, 0o octal, and YAML 1.1's
  // leading-zero octal (`0644` is 420, as Kubernetes reads `defaultMode`); nullopt for
  // anything else, quoted scalars, and values outside long long.
  std::optional<long long> as_int() const;
};

struct Node::Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;
};

struct Document {
  const Node* root = nullptr;  // nullptr for an empty (or null) document
  int line = 0;                // where the document starts (its `---` or first node)
  int index = 0;               // 0-based among the stream's documents
};

// Owns every node; documents point into it. Movable, not copyable: a copy's documents and
// entries would still point into the original. (A deque's move takes its blocks, so nodes
// keep their addresses; and a vector of a move-only type moves on growth instead of
// copying, which for a copyable Stream it would do, since deque's move may throw.)
struct Stream {
  std::vector<Document> documents;
  std::deque<Node> nodes;

  Stream() = default;
  Stream(Stream&&) = default;
  Stream& operator=(Stream&&) = default;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream() = default;
};

// Limits that keep hostile input cheap: nesting depth, node count, alias fan-out.
// Exceeding one is a ParseError at the node that crossed it.
struct Limits {
  int max_depth = 256;
  std::size_t max_nodes = 4'000'000;  // also bounds the entries `<<` merges copy
  std::size_t max_alias_uses = 100'000;
};

// Parses every document of `text` (BOM and CRLF accepted). Errors carry libyaml's message
// and the 1-based line and column; duplicate keys in a map are an error (Kubernetes and
// compose reject them too). Never throws.
tl::expected<Stream, ParseError> parse(std::string_view text, std::string_view file_name = {},
                                       const Limits& limits = {});

}  // namespace shipcheck::yaml
