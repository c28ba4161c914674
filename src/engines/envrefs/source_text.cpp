// SourceText: blanks comments and string contents of Python and JS/TS sources.
#include "engines/envrefs/source_text.h"

#include <algorithm>
#include <cctype>

namespace shipcheck::envrefs {
namespace {

// One left-to-right pass over the text; each step consumes one token and returns the
// offset after it, so the whole pass is linear.
class Blanker {
 public:
  Blanker(std::string_view text, Language language, std::string& code)
      : m_text(text), m_python(language == Language::python), m_code(code) {}

  void run() {
    std::size_t i = 0;
    while (i < m_text.size()) {
      i = m_in_template ? template_part(i) : code_step(i);
    }
  }

 private:
  bool at(std::size_t i, std::string_view token) const {
    return m_text.compare(i, token.size(), token) == 0;
  }
  void blank(std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < m_code.size(); ++k) {
      if (m_code[k] != '\n') {
        m_code[k] = ' ';
      }
    }
  }
  std::size_t until_newline(std::size_t from) const {
    const std::size_t end = m_text.find('\n', from);
    return end == std::string_view::npos ? m_text.size() : end;
  }

  std::size_t code_step(std::size_t i) {
    const char c = m_text[i];
    if ((m_python && c == '#') || (!m_python && at(i, "//"))) {
      const std::size_t end = until_newline(i);
      blank(i, end);
      return end;
    }
    if (!m_python && at(i, "/*")) {
      const std::size_t close = m_text.find("*/", i + 2);
      const std::size_t end = close == std::string_view::npos ? m_text.size() : close + 2;
      blank(i, end);
      return end;
    }
    if (c == '"' || c == '\'') {
      return m_python && at(i, std::string(3, c)) ? triple_string(i, c) : string(i, c);
    }
    if (!m_python && c == '`') {
      return template_part(i + 1);
    }
    if (!m_python) {
      return brace(i);
    }
    return i + 1;
  }

  // JS: `}` closing a template's `${` resumes the template.
  std::size_t brace(std::size_t i) {
    if (m_depths.empty()) {
      return i + 1;
    }
    if (m_text[i] == '{') {
      ++m_depths.back();
    } else if (m_text[i] == '}') {
      if (m_depths.back() == 0) {
        m_depths.pop_back();
        m_in_template = true;
      } else {
        --m_depths.back();
      }
    }
    return i + 1;
  }

  // A one-line string; an unterminated one ends at the newline, bounding the damage.
  std::size_t string(std::size_t i, char quote) {
    std::size_t j = i + 1;
    while (j < m_text.size() && m_text[j] != quote && m_text[j] != '\n') {
      j += m_text[j] == '\\' ? 2 : 1;
    }
    j = std::min(j, m_text.size());
    blank(i + 1, j);
    return j < m_text.size() && m_text[j] == quote ? j + 1 : j;
  }

  std::size_t triple_string(std::size_t i, char quote) {
    const std::string closing(3, quote);
    std::size_t j = i + 3;
    while (j < m_text.size() && !at(j, closing)) {
      j += m_text[j] == '\\' ? 2 : 1;
    }
    j = std::min(j, m_text.size());
    blank(i + 3, j);
    return std::min(j + 3, m_text.size());
  }

  // Template literal text from `from` up to the closing backtick or the next `${`.
  std::size_t template_part(std::size_t from) {
    std::size_t j = from;
    while (j < m_text.size() && m_text[j] != '`' && !at(j, "${")) {
      j += m_text[j] == '\\' ? 2 : 1;
    }
    j = std::min(j, m_text.size());
    blank(from, j);
    m_in_template = false;
    if (j < m_text.size() && m_text[j] == '$') {
      m_depths.push_back(0);
      return j + 2;
    }
    return j < m_text.size() ? j + 1 : j;
  }

  std::string_view m_text;
  bool m_python;
  std::string& m_code;
  bool m_in_template = false;
  std::vector<int> m_depths;  // brace depth inside each open `${`
};

}  // namespace

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), is_ident_char);
}

SourceText::SourceText(std::string_view text, Language language) : m_text(text), m_code(text) {
  Blanker(text, language, m_code).run();
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      m_line_starts.push_back(i + 1);
    }
  }
}

int SourceText::line_of(std::size_t pos) const {
  const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), pos);
  return static_cast<int>(it - m_line_starts.begin());
}

std::size_t SourceText::skip_space(std::size_t pos) const {
  pos = std::min(pos, m_code.size());
  while (pos < m_code.size() && std::isspace(static_cast<unsigned char>(m_code[pos])) != 0) {
    ++pos;
  }
  return pos;
}

std::optional<std::string> SourceText::literal_at(std::size_t pos, std::size_t& end) const {
  if (pos >= m_code.size() || (m_code[pos] != '"' && m_code[pos] != '\'')) {
    return std::nullopt;
  }
  const char quote = m_code[pos];
  if (m_text.compare(pos, 3, std::string(3, quote)) == 0) {
    return std::nullopt;
  }
  const std::size_t close = m_code.find_first_of(std::string{quote, '\n'}, pos + 1);
  if (close == std::string::npos || m_code[close] != quote) {
    return std::nullopt;
  }
  end = close + 1;
  return std::string(m_text.substr(pos + 1, close - pos - 1));
}

}  // namespace shipcheck::envrefs
