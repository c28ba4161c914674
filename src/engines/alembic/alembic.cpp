// Alembic migration scripts: literal revision assignments and the revision graph.
#include "engines/alembic/alembic.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "engines/alembic/python_lexer.h"

namespace shipcheck::alembic {

namespace {

constexpr std::string_view k_value_hint =
    "shipcheck reads migration scripts without running them: write the revision ids as string "
    "literals, e.g. down_revision = ('ae1027a6acf', '27c6a30d7c24')";

struct Value {
  std::vector<std::string> items;
  bool none = false;
  bool sequence = false;  // a tuple or list, even of one element
};

using Tokens = std::vector<Token>;

constexpr std::size_t k_max_statement_tokens = 4096;

bool is_op(const Token& token, std::string_view op) {
  return token.kind == TokenKind::op && token.text == op;
}

ParseError error_at(std::string_view file, const Token& token, std::string message,
                    std::string_view hint = {}) {
  return ParseError{std::string(file), token.line, token.column, std::move(message),
                    std::string(hint)};
}

// Index of the `=` of `NAME = ...` or `NAME: annotation = ...`; npos for anything else.
std::size_t find_assignment(const Tokens& tokens) {
  if (tokens.size() < 2) {
    return std::string::npos;
  }
  if (is_op(tokens[1], "=")) {
    return 1;
  }
  if (!is_op(tokens[1], ":")) {
    return std::string::npos;
  }
  int depth = 0;
  for (std::size_t i = 2; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (is_op(t, "(") || is_op(t, "[") || is_op(t, "{")) {
      ++depth;
    } else if (is_op(t, ")") || is_op(t, "]") || is_op(t, "}")) {
      --depth;
    } else if (depth == 0 && is_op(t, "=")) {
      return i;
    }
  }
  return std::string::npos;
}

// Comma-separated string literals (adjacent literals concatenate), trailing comma allowed.
tl::expected<Value, ParseError> parse_items(const Token* begin, const Token* end,
                                            std::string_view file) {
  Value value;
  for (const Token* t = begin; t != end;) {
    if (t->kind != TokenKind::string) {
      return tl::make_unexpected(error_at(
          file, *t, "expected None, a string literal or a tuple of string literals", k_value_hint));
    }
    std::string item;
    for (; t != end && t->kind == TokenKind::string; ++t) {
      item += t->text;
    }
    value.items.push_back(std::move(item));
    if (t != end) {
      if (!is_op(*t, ",")) {
        return tl::make_unexpected(error_at(file, *t, "expected ',' between revision ids"));
      }
      value.sequence = true;
      ++t;
    }
  }
  return value;
}

tl::expected<Value, ParseError> parse_value(const Tokens& tokens, std::size_t first,
                                            std::string_view file) {
  const Token* begin = tokens.data() + first;
  const Token* end = tokens.data() + tokens.size();
  if (begin == end) {
    return tl::make_unexpected(error_at(file, tokens[first - 1], "missing value after '='"));
  }
  if (end - begin == 1 && begin->kind == TokenKind::name && begin->text == "None") {
    return Value{{}, true, false};
  }
  const bool paren = is_op(*begin, "(");
  const bool list = is_op(*begin, "[");
  if (!paren && !list) {
    return parse_items(begin, end, file);
  }
  if (end - begin < 2 || !is_op(*(end - 1), paren ? ")" : "]")) {
    return tl::make_unexpected(
        error_at(file, *begin, "expected None, a string literal or a tuple of string literals",
                 k_value_hint));
  }
  auto value = parse_items(begin + 1, end - 1, file);
  if (value) {
    value->sequence = value->sequence || list || value->items.empty();
  }
  return value;
}

// Applies one captured `revision`/`down_revision` statement to `rev`.
std::optional<ParseError> apply(const Tokens& tokens, Revision& rev, std::string_view file) {
  const std::size_t eq = find_assignment(tokens);
  if (eq == std::string::npos) {
    return std::nullopt;  // `revision += ...`, `revision.x = ...`, a bare annotation
  }
  auto value = parse_value(tokens, eq + 1, file);
  if (!value) {
    return value.error();
  }
  const Token& target = tokens.front();
  const Token& shown = tokens[eq + 1];
  for (const auto& item : value->items) {
    if (trim(item).empty()) {
      return error_at(file, shown, "empty revision id");
    }
  }
  if (target.text == "revision") {
    if (value->none || value->sequence) {
      return error_at(file, shown, "revision must be one string literal");
    }
    rev.id = value->items.front();
    rev.line = target.line;
  } else {
    rev.down_revisions = std::move(value->items);
    rev.down_line = target.line;
  }
  return std::nullopt;
}

bool is_captured_name(const Token& token) {
  return token.kind == TokenKind::name &&
         (token.text == "revision" || token.text == "down_revision");
}

// Splits the token stream into statements and applies the module-level assignments of
// `revision` and `down_revision`; tokens of other statements are not kept.
class Scanner {
 public:
  Scanner(std::string_view text, std::string_view file) : m_lexer(text), m_file(file) {
    m_rev.file = std::string(file);
  }

  tl::expected<Revision, ParseError> run() {
    while (true) {
      Token token = m_lexer.next();
      if (token.kind == TokenKind::end && m_lexer.error()) {
        const LexError& e = *m_lexer.error();
        return tl::make_unexpected(ParseError{m_rev.file, e.line, e.column, e.message, {}});
      }
      if (ends_statement(token)) {
        if (auto error = finish_statement(token)) {
          return tl::make_unexpected(std::move(*error));
        }
        if (token.kind == TokenKind::end) {
          return finish();
        }
        continue;
      }
      feed(std::move(token));
      if (statement_too_long()) {
        const Token& first = m_statement.front();
        return tl::make_unexpected(ParseError{
            m_rev.file, first.line, first.column, "assignment too long to be a revision list", {}});
      }
    }
  }

 private:
  bool ends_statement(const Token& token) const {
    return token.kind == TokenKind::newline || token.kind == TokenKind::end ||
           (m_depth == 0 && is_op(token, ";"));
  }

  void feed(Token token) {
    if (!m_in_statement) {
      m_in_statement = true;
      if (m_line_start) {
        m_module_line = token.column == 1;
        m_line_start = false;
      }
      m_capturing = m_module_line && is_captured_name(token);
    }
    if (is_op(token, "(") || is_op(token, "[") || is_op(token, "{")) {
      ++m_depth;
    } else if ((is_op(token, ")") || is_op(token, "]") || is_op(token, "}")) && m_depth > 0) {
      --m_depth;
    }
    if (m_capturing) {
      m_statement.push_back(std::move(token));
    }
  }

  // A revision tuple has a handful of ids; a huge one is garbage, not worth the memory.
  bool statement_too_long() const { return m_statement.size() > k_max_statement_tokens; }

  std::optional<ParseError> finish_statement(const Token& terminator) {
    std::optional<ParseError> error;
    if (m_capturing) {
      error = apply(m_statement, m_rev, m_file);
    }
    m_statement.clear();
    m_in_statement = m_capturing = false;
    m_depth = 0;
    m_line_start = m_line_start || terminator.kind == TokenKind::newline;
    return error;
  }

  tl::expected<Revision, ParseError> finish() {
    if (m_rev.line == 0) {
      return tl::make_unexpected(ParseError{m_rev.file, 0, 0, "no module-level `revision = '<id>'`",
                                            "alembic needs one in every script of versions/"});
    }
    if (m_rev.down_line == 0) {
      return tl::make_unexpected(ParseError{m_rev.file, 0, 0,
                                            "no module-level `down_revision = ...`",
                                            "use `down_revision = None` for a first migration"});
    }
    return std::move(m_rev);
  }

  PythonLexer m_lexer;
  std::string_view m_file;
  Revision m_rev;
  Tokens m_statement;
  bool m_line_start = true;
  bool m_module_line = false;
  bool m_in_statement = false;
  bool m_capturing = false;
  int m_depth = 0;
};

}  // namespace

tl::expected<Revision, ParseError> parse_revision(std::string_view text, std::string_view file) {
  return Scanner(text, file).run();
}

namespace {

// One cycle along parent edges (ids in parent order), or empty. Iterative: no recursion
// depth to exhaust on long migration chains.
std::vector<std::string> find_cycle(const std::vector<std::string>& ids,
                                    const std::vector<std::vector<std::size_t>>& parents) {
  enum Color { white, grey, black };
  std::vector<Color> color(ids.size(), white);
  for (std::size_t start = 0; start < ids.size(); ++start) {
    if (color[start] != white) {
      continue;
    }
    std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};
    color[start] = grey;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == parents[node].size()) {
        color[node] = black;
        stack.pop_back();
        continue;
      }
      const std::size_t parent = parents[node][next++];
      if (color[parent] == white) {
        color[parent] = grey;
        stack.emplace_back(parent, 0);
      } else if (color[parent] == grey) {
        auto it = std::find_if(stack.begin(), stack.end(),
                               [&](const auto& frame) { return frame.first == parent; });
        std::vector<std::string> cycle;
        for (; it != stack.end(); ++it) {
          cycle.push_back(ids[it->first]);
        }
        return cycle;
      }
    }
  }
  return {};
}

}  // namespace

Graph analyze(const std::vector<Revision>& revisions) {
  Graph graph;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::string> ids;
  std::set<std::string> duplicates;
  for (const Revision& rev : revisions) {
    if (!index.emplace(rev.id, ids.size()).second) {
      duplicates.insert(rev.id);
      continue;
    }
    ids.push_back(rev.id);
  }
  std::vector<std::vector<std::size_t>> parents(ids.size());
  std::vector<bool> has_child(ids.size(), false);
  std::vector<bool> is_base(ids.size(), false);
  for (const Revision& rev : revisions) {
    const std::size_t self = index.at(rev.id);
    is_base[self] = is_base[self] || rev.down_revisions.empty();
    for (const std::string& parent : rev.down_revisions) {
      const auto found = index.find(parent);
      if (found == index.end()) {
        graph.dangling.push_back(Dangling{rev.id, parent, rev.file, rev.down_line});
        continue;
      }
      parents[self].push_back(found->second);
      has_child[found->second] = true;
    }
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!has_child[i]) {
      graph.heads.push_back(ids[i]);
    }
    if (is_base[i]) {
      graph.bases.push_back(ids[i]);
    }
  }
  std::sort(graph.heads.begin(), graph.heads.end());
  std::sort(graph.bases.begin(), graph.bases.end());
  graph.duplicates.assign(duplicates.begin(), duplicates.end());
  graph.cycle = find_cycle(ids, parents);
  return graph;
}

}  // namespace shipcheck::alembic
