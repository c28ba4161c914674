// Alembic revision graph: reads the module-level `revision` and `down_revision`
// assignments of migration scripts (versions/*.py) without running Python, and finds the
// graph's heads, dangling parents, duplicates and cycles. Knows nothing of rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::alembic {

struct Revision {
  std::string id;                           // `revision = "ae1027a6acf"`
  std::vector<std::string> down_revisions;  // None -> {}, "a" -> {a}, ("a", "b") -> {a, b}
  std::string file;                         // as passed to parse_revision()
  int line = 0;                             // 1-based line of `revision =`
  int down_line = 0;                        // 1-based line of `down_revision =`
};

// Parses one migration script. Accepted forms, each a module-level statement (column 1),
// optionally annotated (`revision: str = ...`): a string literal ('x', "x", r'x', with
// implicit concatenation), None, or a tuple/list of string literals, possibly spanning
// lines. Comments, docstrings and other statements are skipped. Errors (with
// file:line:column): no `revision`, no `down_revision`, a value of any other form (e.g. a
// variable), an unterminated string or bracket. Never throws; linear in the input size.
tl::expected<Revision, ParseError> parse_revision(std::string_view text, std::string_view file);

// A down_revision naming a revision that no script defines.
struct Dangling {
  std::string revision;  // the script's own revision id
  std::string parent;    // the unknown down_revision
  std::string file;
  int line = 0;  // line of its `down_revision =`
};

struct Graph {
  std::vector<std::string> heads;       // revisions no other revision names as parent, sorted
  std::vector<std::string> bases;       // revisions whose down_revision is None, sorted
  std::vector<Dangling> dangling;       // in input order
  std::vector<std::string> duplicates;  // ids defined by more than one script, sorted
  std::vector<std::string> cycle;       // one cycle's ids in parent order; empty = acyclic
};

// The graph of `revisions` (any order). Linear in the number of edges.
Graph analyze(const std::vector<Revision>& revisions);

}  // namespace shipcheck::alembic
