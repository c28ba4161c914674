// A small Python tokenizer for reading literal assignments (see python_lexer.h).
#include "engines/alembic/python_lexer.h"

#include <array>

#include "core/text.h"

namespace shipcheck::alembic {

namespace {

bool is_name_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_quote(char c) {
  return c == '\'' || c == '"';
}

bool is_string_prefix(std::string_view name) {
  constexpr std::array<std::string_view, 8> k_prefixes = {"r",  "u",  "b",  "f",
                                                          "br", "rb", "fr", "rf"};
  const std::string lowered = to_lower(name);
  for (std::string_view prefix : k_prefixes) {
    if (lowered == prefix) {
      return true;
    }
  }
  return false;
}

char decode_escape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    default:
      return c;  // \\ \' \" and anything unknown keep the character itself
  }
}

}  // namespace

PythonLexer::PythonLexer(std::string_view text) : m_text(text) {
  if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
    m_pos = 3;  // a UTF-8 byte order mark is not part of the first line
  }
}

char PythonLexer::peek(std::size_t ahead) const {
  return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
}

void PythonLexer::advance(std::size_t count) {
  for (std::size_t i = 0; i < count && m_pos < m_text.size(); ++i) {
    if (m_text[m_pos] == '\n') {
      ++m_line;
      m_column = 1;
    } else {
      ++m_column;
    }
    ++m_pos;
  }
}

bool PythonLexer::skip_blank() {
  while (m_pos < m_text.size()) {
    const char c = peek();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || (c == '\n' && m_depth > 0)) {
      advance();  // newlines inside brackets do not end a logical line
    } else if (c == '#') {
      while (m_pos < m_text.size() && peek() != '\n') {
        advance();
      }
    } else if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
      advance(peek(1) == '\n' ? 2 : 3);
    } else {
      return c != '\n';
    }
  }
  return false;
}

Token PythonLexer::make(TokenKind kind, std::string text, int line, int column) const {
  return Token{kind, std::move(text), line, column};
}

Token PythonLexer::fail(std::string message, int line, int column) {
  m_error = LexError{std::move(message), line, column};
  m_pos = m_text.size();
  return make(TokenKind::end, {}, line, column);
}

Token PythonLexer::next() {
  if (m_error) {
    return make(TokenKind::end, {}, m_line, m_column);
  }
  if (!skip_blank()) {
    const int line = m_line;
    const int column = m_column;
    if (m_pos >= m_text.size()) {
      return make(TokenKind::end, {}, line, column);
    }
    advance();  // the '\n' ending a logical line
    return make(TokenKind::newline, "\n", line, column);
  }
  const char c = peek();
  if (is_quote(c)) {
    const int line = m_line;
    const int column = m_column;
    return lex_string(false, line, column);
  }
  if (is_name_start(c)) {
    return lex_name();
  }
  return lex_operator();
}

Token PythonLexer::lex_name() {
  const int line = m_line;
  const int column = m_column;
  const std::size_t start = m_pos;
  while (m_pos < m_text.size() && is_name_char(peek())) {
    advance();
  }
  const std::string_view name = m_text.substr(start, m_pos - start);
  if (is_quote(peek()) && is_string_prefix(name)) {
    const bool raw = name.find_first_of("rR") != std::string_view::npos;
    return lex_string(raw, line, column);
  }
  return make(TokenKind::name, std::string(name), line, column);
}

// Appends the escape starting at the backslash under the cursor. False: input ended.
bool PythonLexer::lex_escape(std::string& out, bool raw) {
  advance();  // the backslash
  if (m_pos >= m_text.size()) {
    return false;
  }
  const char escaped = peek();
  advance();
  if (raw) {
    out += '\\';
    out += escaped;
  } else if (escaped != '\n') {  // backslash-newline continues the string
    out += decode_escape(escaped);
  }
  return true;
}

Token PythonLexer::lex_string(bool raw, int line, int column) {
  const char quote = peek();
  const bool triple = peek(1) == quote && peek(2) == quote;
  advance(triple ? 3 : 1);
  std::string value;
  while (true) {
    if (m_pos >= m_text.size()) {
      return fail("unterminated string literal", line, column);
    }
    const char c = peek();
    if (c == '\\') {
      if (!lex_escape(value, raw)) {
        return fail("unterminated string literal", line, column);
      }
    } else if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
      advance(triple ? 3 : 1);
      return make(TokenKind::string, std::move(value), line, column);
    } else if (c == '\n' && !triple) {
      return fail("unterminated string literal", line, column);
    } else {
      value += c;
      advance();
    }
  }
}

Token PythonLexer::lex_operator() {
  const int line = m_line;
  const int column = m_column;
  const char c = peek();
  if (c >= '0' && c <= '9') {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && (is_name_char(peek()) || peek() == '.')) {
      advance();
    }
    return make(TokenKind::other, std::string(m_text.substr(start, m_pos - start)), line, column);
  }
  if (c == '(' || c == '[' || c == '{') {
    ++m_depth;
  } else if ((c == ')' || c == ']' || c == '}') && m_depth > 0) {
    --m_depth;
  }
  constexpr std::string_view k_compound = "=!<>:+-*/%&|^@";
  if (k_compound.find(c) != std::string_view::npos && peek(1) == '=') {
    advance(2);
    return make(TokenKind::op, std::string{c, '='}, line, column);
  }
  advance();
  return make(TokenKind::op, std::string(1, c), line, column);
}

}  // namespace shipcheck::alembic
