// Word splitting, JSON exec-form arrays and heredoc openers, following BuildKit's
// frontend/dockerfile/parser (parseWords, parseJSON, heredocsFromLine) without regexes.
#include "engines/dockerfile/words.h"

#include <cstdint>

namespace shipcheck::dockerfile::detail {

std::string_view trim_blanks(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_blank(text[begin])) {
    ++begin;
  }
  while (end > begin && is_blank(text[end - 1])) {
    --end;
  }
  return text.substr(begin, end - begin);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    x = (x >= 'a' && x <= 'z') ? static_cast<char>(x - 'a' + 'A') : x;
    y = (y >= 'a' && y <= 'z') ? static_cast<char>(y - 'a' + 'A') : y;
    if (x != y) {
      return false;
    }
  }
  return true;
}

namespace {

// ---- JSON ----

constexpr int k_max_json_depth = 64;

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : m_text(text) {}

  void skip_ws() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                     m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
      ++m_pos;
    }
  }
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return at_end() ? '\0' : m_text[m_pos]; }
  bool eat(char c) {
    if (peek() == c && !at_end()) {
      ++m_pos;
      return true;
    }
    return false;
  }

  // A string at the cursor (which is at '"'), decoded into `out` when given.
  bool string(std::string* out) {
    ++m_pos;
    while (!at_end()) {
      const char c = m_text[m_pos++];
      if (c == '"') {
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return false;
      }
      if (c != '\\') {
        // The plain characters up to the next quote or escape, copied at once.
        std::size_t end = m_pos;
        while (end < m_text.size() && m_text[end] != '"' && m_text[end] != '\\' &&
               static_cast<unsigned char>(m_text[end]) >= 0x20) {
          ++end;
        }
        if (out != nullptr) {
          out->append(m_text.substr(m_pos - 1, end - m_pos + 1));
        }
        m_pos = end;
        continue;
      }
      if (!escape(out)) {
        return false;
      }
    }
    return false;
  }

  // Any JSON value at the cursor, skipped.
  bool value(int depth) {
    if (depth > k_max_json_depth) {
      return false;
    }
    skip_ws();
    const char c = peek();
    if (c == '"') {
      return string(nullptr);
    }
    if (c == '[') {
      return container(']', depth);
    }
    if (c == '{') {
      return container('}', depth);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    return literal("true") || literal("false") || literal("null");
  }

 private:
  bool escape(std::string* out) {
    if (at_end()) {
      return false;
    }
    const char e = m_text[m_pos++];
    char plain = 0;
    switch (e) {
      case '"':
        plain = '"';
        break;
      case '\\':
        plain = '\\';
        break;
      case '/':
        plain = '/';
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case 'n':
        plain = '\n';
        break;
      case 'r':
        plain = '\r';
        break;
      case 't':
        plain = '\t';
        break;
      case 'u':
        return unicode(out);
      default:
        return false;
    }
    if (out != nullptr) {
      *out += plain;
    }
    return true;
  }

  bool hex4(std::uint32_t& value) {
    if (m_text.size() - m_pos < 4) {
      return false;
    }
    value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = m_text[m_pos++];
      value <<= 4U;
      if (c >= '0' && c <= '9') {
        value |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  // \uXXXX, with a surrogate pair joined; a lone surrogate becomes U+FFFD as in Go.
  bool unicode(std::string* out) {
    std::uint32_t cp = 0;
    if (!hex4(cp)) {
      return false;
    }
    if (cp >= 0xD800 && cp < 0xDC00 && m_text.substr(m_pos, 2) == "\\u") {
      const std::size_t save = m_pos;
      m_pos += 2;
      std::uint32_t low = 0;
      if (hex4(low) && low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
      } else {
        m_pos = save;  // the second escape is read on its own
      }
    }
    if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    if (out != nullptr) {
      append_utf8(*out, cp);
    }
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6U));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12U));
      out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18U));
      out += static_cast<char>(0x80 | ((cp >> 12U) & 0x3FU));
      out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    }
  }

  bool digits() {
    const std::size_t start = m_pos;
    while (!at_end() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
      ++m_pos;
    }
    return m_pos > start;
  }

  bool number() {
    eat('-');
    if (!eat('0') && !digits()) {
      return false;
    }
    if (eat('.') && !digits()) {
      return false;
    }
    if (eat('e') || eat('E')) {
      if (!eat('+')) {
        eat('-');
      }
      return digits();
    }
    return true;
  }

  bool literal(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word) {
      return false;
    }
    m_pos += word.size();
    return true;
  }

  // [v, ...] or {"k": v, ...}; the cursor is at the opening bracket.
  bool container(char close, int depth) {
    ++m_pos;
    skip_ws();
    if (eat(close)) {
      return true;
    }
    for (;;) {
      if (close == '}') {
        skip_ws();
        if (peek() != '"' || !string(nullptr)) {
          return false;
        }
        skip_ws();
        if (!eat(':')) {
          return false;
        }
      }
      if (!value(depth + 1)) {
        return false;
      }
      skip_ws();
      if (eat(close)) {
        return true;
      }
      if (!eat(',')) {
        return false;
      }
    }
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

}  // namespace

void split_shell_words(std::string_view text, char escape, std::vector<std::string>& out) {
  const std::size_t n = text.size();
  // About one word per 8 bytes: one allocation for the list, rarely a regrowth.
  out.reserve(out.size() + n / 8 + 1);
  std::string word;
  bool in_word = false;  // a quoted empty string ("") is still a word
  char quote = 0;
  std::size_t i = 0;
  while (i < n) {
    const char c = text[i];
    if (quote == 0) {
      if (is_blank(c)) {
        if (in_word) {
          out.push_back(std::move(word));
          word.clear();
          in_word = false;
        }
        ++i;
        continue;
      }
      in_word = true;
      std::size_t j = i;
      while (j < n && char_class(text[j]) == 0 && text[j] != escape) {
        ++j;
      }
      if (j > i) {  // a run of plain characters, copied at once
        word.append(text.substr(i, j - i));
        i = j;
      } else if (c == '\'' || c == '"') {
        quote = c;
        ++i;
      } else if (i + 1 < n) {  // the escape character quotes the next one
        word += text[i + 1];
        i += 2;
      } else {
        break;  // an escape at the very end is dropped
      }
      continue;
    }
    if (c == quote) {
      quote = 0;
      ++i;
    } else if (quote == '"' && c == escape) {
      if (i + 1 == n) {
        break;
      }
      const char next = text[i + 1];
      if (next != '"' && next != '$' && next != escape) {
        word += c;  // inside "...", the escape quotes only " $ and itself
      }
      word += next;
      i += 2;
    } else {
      std::size_t j = i;
      while (j < n && text[j] != quote && !(quote == '"' && text[j] == escape)) {
        ++j;
      }
      word.append(text.substr(i, j - i));
      i = j;
    }
  }
  if (in_word) {
    out.push_back(std::move(word));
  }
}

void raw_word_spans(std::string_view text, char escape, std::vector<std::string_view>& out) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && is_blank(text[i])) {
      ++i;
    }
    if (i == n) {
      break;
    }
    const std::size_t start = i;
    std::size_t end = n;
    char quote = 0;
    for (; i < n; ++i) {
      const char c = text[i];
      if (quote == 0 && is_blank(c)) {
        end = i;
        break;
      }
      if (c == escape && quote != '\'') {
        if (i + 1 == n) {
          end = i;  // an escape at the very end is dropped
          i = n;
          break;
        }
        ++i;
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (end > start) {
      out.push_back(text.substr(start, end - start));
    }
  }
}

std::vector<std::string> split_raw_words(std::string_view text, char escape) {
  std::vector<std::string_view> spans;
  raw_word_spans(text, escape, spans);
  return {spans.begin(), spans.end()};
}

JsonArray parse_json_array(std::string_view text, std::vector<std::string>& out) {
  JsonReader reader(text);
  reader.skip_ws();
  if (!reader.eat('[')) {
    return JsonArray::not_json;
  }
  const std::size_t first = out.size();
  bool only_strings = true;
  reader.skip_ws();
  if (!reader.eat(']')) {
    for (;;) {
      reader.skip_ws();
      if (reader.peek() == '"') {
        std::string item;
        if (!reader.string(&item)) {
          out.resize(first);
          return JsonArray::not_json;
        }
        out.push_back(std::move(item));
      } else if (reader.value(1)) {
        only_strings = false;
      } else {
        out.resize(first);
        return JsonArray::not_json;
      }
      reader.skip_ws();
      if (reader.eat(']')) {
        break;
      }
      if (!reader.eat(',')) {
        out.resize(first);
        return JsonArray::not_json;
      }
    }
  }
  reader.skip_ws();
  if (!reader.at_end()) {
    out.resize(first);
    return JsonArray::not_json;
  }
  if (!only_strings) {
    out.resize(first);
    return JsonArray::non_strings;
  }
  return JsonArray::strings;
}

namespace {

struct RawWord {
  std::size_t offset;
  std::size_t size;
};

// BuildKit's lexer in raw mode (quotes and escapes kept, '\' as escape whatever the
// directive says): blanks split words, except inside quotes, after an escape, and right
// after `<<`. False on an unterminated quote.
bool raw_line_words(std::string_view line, std::vector<RawWord>& words) {
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) {
      ++i;
    }
    if (i == line.size()) {
      break;
    }
    const std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) {
      const char c = line[i];
      if (c == '\'' || c == '"') {
        ++i;
        while (i < line.size() && line[i] != c) {
          i += (c == '"' && line[i] == '\\' && i + 1 < line.size()) ? 2 : 1;
        }
        if (i >= line.size()) {
          return false;
        }
        ++i;
      } else if (c == '\\') {
        i += 2;
      } else if (c == '<' && i + 1 < line.size() && line[i + 1] == '<') {
        i += 2;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
          ++i;
        }
      } else {
        ++i;
      }
    }
    i = i > line.size() ? line.size() : i;
    words.push_back({start, i - start});
  }
  return true;
}

std::size_t count_quotes(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) {
    n += (c == '\'' || c == '"') ? 1 : 0;
  }
  return n;
}

}  // namespace

std::vector<HeredocOpener> find_heredocs(std::string_view line) {
  std::vector<HeredocOpener> found;
  std::vector<RawWord> words;
  if (!raw_line_words(line, words)) {
    return found;
  }
  for (const RawWord& raw : words) {
    std::string_view word = line.substr(raw.offset, raw.size);
    std::size_t i = 0;
    while (i < word.size() && word[i] >= '0' && word[i] <= '9') {
      ++i;
    }
    if (word.substr(i, 2) != "<<") {
      continue;
    }
    i += 2;
    HeredocOpener opener;
    opener.offset = raw.offset;
    if (i < word.size() && word[i] == '-') {
      opener.strip_tabs = true;
      ++i;
    }
    while (i < word.size() && is_blank(word[i])) {
      ++i;
    }
    const std::string_view rest = word.substr(i);
    if (rest.empty() || rest.find('<') != std::string_view::npos) {
      continue;
    }
    std::vector<std::string> names;
    split_shell_words(rest, '\\', names);
    if (names.size() != 1) {
      continue;
    }
    opener.name = std::move(names.front());
    opener.expand = count_quotes(opener.name) == count_quotes(rest);
    found.push_back(std::move(opener));
  }
  return found;
}

}  // namespace shipcheck::dockerfile::detail
