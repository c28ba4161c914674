// A small Python tokenizer, just enough to find module-level assignments of literals:
// names, string literals (decoded), operators and logical-line ends. Numbers and other
// characters come out as `other` tokens; indentation is not tracked (a token's column says
// whether a line starts at module level).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shipcheck::alembic {

enum class TokenKind { name, string, op, other, newline, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;  // the name, the operator, or the string's decoded value
  int line = 0;      // 1-based
  int column = 0;    // 1-based, in bytes
};

struct LexError {
  std::string message;
  int line = 0;
  int column = 0;
};

class PythonLexer {
 public:
  explicit PythonLexer(std::string_view text);

  // The next token; `end` at the end of input or after an error (see error()). A newline
  // token ends each logical line: newlines inside brackets or after `\` do not count.
  Token next();
  const std::optional<LexError>& error() const { return m_error; }

 private:
  char peek(std::size_t ahead = 0) const;
  void advance(std::size_t count = 1);
  bool skip_blank();  // whitespace, comments, line continuations; false at a newline/end
  Token make(TokenKind kind, std::string text, int line, int column) const;
  Token lex_name();
  Token lex_string(bool raw, int line, int column);
  bool lex_escape(std::string& out, bool raw);
  Token lex_operator();
  Token fail(std::string message, int line, int column);

  std::string_view m_text;
  std::size_t m_pos = 0;
  int m_line = 1;
  int m_column = 1;
  int m_depth = 0;  // open brackets; newlines inside them do not end a logical line
  std::optional<LexError> m_error;
};

}  // namespace shipcheck::alembic
