// Escapes and variable expansion inside dotenv values (see expand.h for the syntax).
#include "engines/dotenv/expand.h"

#include <algorithm>

#include <fmt/format.h>

namespace shipcheck::dotenv::detail {
namespace {

constexpr std::string_view k_literal_hint =
    "for a literal '$' use single quotes, or write \\$ inside double quotes";

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// Inside braces a name may also contain '.', as dotenv keys may.
bool is_braced_name_char(char c) {
  return is_name_char(c) || c == '.';
}

tl::unexpected<Fault> fault(std::size_t offset, std::string message, std::string_view hint) {
  return tl::make_unexpected(Fault{offset, std::move(message), std::string(hint)});
}

tl::unexpected<Fault> unterminated(std::size_t dollar) {
  return fault(dollar, "unterminated '${' (no closing '}')",
               "close the reference with '}'; " + std::string(k_literal_hint));
}

std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) {
    return 4;
  }
  if (lead >= 0xE0) {
    return 3;
  }
  return lead >= 0xC0 ? 2 : 1;
}

// The escape `\c` decodes to, or '\0' when `c` is not an escape (it then stays as written).
char decode_escape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '\\':
    case '"':
    case '\'':
    case '$':
      return c;
    default:
      return '\0';
  }
}

}  // namespace

std::string describe_char(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) {
    return "end of text";
  }
  const auto c = static_cast<unsigned char>(text[offset]);
  if (c == '\n') {
    return "end of line";
  }
  if (c < 0x20 || c == 0x7F) {
    return fmt::format("byte 0x{:02X}", c);
  }
  return fmt::format("'{}'", text.substr(offset, utf8_length(c)));
}

tl::expected<std::string, Fault> Expander::expand(std::size_t begin, std::size_t end,
                                                  bool escapes) {
  Span span{begin, std::min(end, m_text.size()), escapes};
  std::string out;
  out.reserve(span.end - std::min(begin, span.end));
  if (auto done = copy_until(span, false, 0, out); !done) {
    return tl::make_unexpected(std::move(done.error()));
  }
  return out;
}

// Copies literal runs and handles `$` and `\` until the span ends or, when `in_braces`,
// until the '}' that closes the enclosing `${` (left for the caller to consume).
Expander::Step Expander::copy_until(Span& span, bool in_braces, int depth, std::string& out) {
  const std::string_view specials =
      span.escapes ? (in_braces ? "$\\}" : "$\\") : (in_braces ? "$}" : "$");
  // Bounded to the span so that a search never runs past it into the rest of the file.
  const std::string_view bounded = m_text.substr(0, span.end);
  while (span.pos < span.end) {
    const std::size_t next = std::min(bounded.find_first_of(specials, span.pos), span.end);
    out.append(m_text.substr(span.pos, next - span.pos));
    span.pos = next;
    if (span.pos == span.end || m_text[span.pos] == '}') {
      return {};
    }
    if (m_text[span.pos] == '\\') {
      unescape(span, out);
      continue;
    }
    if (auto done = substitute(span, depth, out); !done) {
      return done;
    }
  }
  return {};
}

void Expander::unescape(Span& span, std::string& out) const {
  if (span.pos + 1 >= span.end) {
    out += '\\';
    ++span.pos;
    return;
  }
  const char c = m_text[span.pos + 1];
  const char decoded = decode_escape(c);
  if (decoded == '\0') {
    out += '\\';
    out += c;
  } else {
    out += decoded;
  }
  span.pos += 2;
}

// At a '$': `${...}`, `$NAME`, or a literal '$'.
Expander::Step Expander::substitute(Span& span, int depth, std::string& out) {
  const std::size_t dollar = span.pos;
  const char next = dollar + 1 < span.end ? m_text[dollar + 1] : '\0';
  if (next == '{') {
    return substitute_braced(span, depth, out);
  }
  if (!is_name_start(next)) {
    out += '$';
    ++span.pos;
    return {};
  }
  std::size_t name_end = dollar + 2;
  while (name_end < span.end && is_name_char(m_text[name_end])) {
    ++name_end;
  }
  span.pos = name_end;
  const auto value = m_resolve(m_text.substr(dollar + 1, name_end - dollar - 1));
  return append_value(value.value_or(""), dollar, out);
}

Expander::Step Expander::substitute_braced(Span& span, int depth, std::string& out) {
  const std::size_t dollar = span.pos;
  const std::size_t name_begin = dollar + 2;
  std::size_t name_end = name_begin;
  if (name_end < span.end && is_name_start(m_text[name_end])) {
    while (name_end < span.end && is_braced_name_char(m_text[name_end])) {
      ++name_end;
    }
  }
  if (name_end >= span.end) {
    return unterminated(dollar);
  }
  if (name_end == name_begin) {
    return fault(name_begin,
                 fmt::format("expected a variable name after '${{', found {}",
                             describe_char(m_text, name_begin)),
                 "names start with a letter or '_'; " + std::string(k_literal_hint));
  }
  const std::string_view name = m_text.substr(name_begin, name_end - name_begin);
  span.pos = name_end;
  if (m_text[span.pos] == '}') {
    ++span.pos;
    const auto value = m_resolve(name);
    return append_value(value.value_or(""), dollar, out);
  }
  return apply_operator(span, name, dollar, depth, out);
}

// At the operator of `${NAME<op>word}`: `-`, `+`, `?`, each optionally after ':' (which
// also treats an empty value as unset).
Expander::Step Expander::apply_operator(Span& span, std::string_view name, std::size_t dollar,
                                        int depth, std::string& out) {
  const bool colon = m_text[span.pos] == ':';
  const std::size_t op_at = span.pos + (colon ? 1 : 0);
  const char op = op_at < span.end ? m_text[op_at] : '\0';
  if (op != '-' && op != '+' && op != '?') {
    return fault(span.pos,
                 fmt::format("unexpected {} in '${{{}'", describe_char(m_text, span.pos), name),
                 "supported forms: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}");
  }
  if (depth >= k_max_nesting) {
    return fault(dollar, fmt::format("variable references nested deeper than {}", k_max_nesting),
                 "simplify the nested ${...:-...} defaults");
  }
  span.pos = op_at + 1;
  std::string word;
  if (auto done = copy_until(span, true, depth + 1, word); !done) {
    return done;
  }
  if (span.pos >= span.end) {
    return unterminated(dollar);
  }
  ++span.pos;  // the closing '}'
  const auto value = m_resolve(name);
  const bool set = value.has_value() && !(colon && value->empty());
  if (op == '-') {
    return set ? append_value(*value, dollar, out) : append_value(word, dollar, out);
  }
  if (op == '+') {
    return set ? append_value(word, dollar, out) : Step{};
  }
  return append_value(value.value_or(""), dollar, out);
}

Expander::Step Expander::append_value(std::string_view value, std::size_t dollar,
                                      std::string& out) {
  if (value.size() > m_budget) {
    return fault(dollar,
                 fmt::format("variable expansion makes the values larger than {} MiB",
                             k_max_expansion >> 20),
                 "a value repeats other variables too often; check for runaway ${...} references");
  }
  m_budget -= value.size();
  out.append(value);
  return {};
}

}  // namespace shipcheck::dotenv::detail
