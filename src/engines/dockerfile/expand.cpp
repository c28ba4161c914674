// Variable substitution (BuildKit's shell.Lex.ProcessWord) and image reference splitting.
// Substitution never recurses into a substituted value; nesting in the text itself
// (${A:-${B}}) is bounded, and pattern operators give up on very large inputs.
#include <cstddef>
#include <string>

#include "engines/dockerfile/dockerfile.h"
#include "engines/dockerfile/words.h"

namespace shipcheck::dockerfile {
namespace {

constexpr int k_max_nesting = 32;
// ${V#pat}, ${V%pat}, ${V/pat/rep} are quadratic or worse; past this much work the value is
// left as it is rather than spend seconds on a hostile file.
constexpr std::size_t k_max_pattern_work = std::size_t{1} << 22;

// The cost estimate of a pattern operator, saturating (no overflow on huge values).
bool too_costly(std::size_t n, std::size_t m, int powers_of_n) {
  if (n > 4096 || m > 4096) {
    return true;
  }
  std::size_t work = m + 1;
  for (int i = 0; i < powers_of_n; ++i) {
    work *= n + 1;
  }
  return work > k_max_pattern_work;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_special_param(char c) {
  return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' ||
         c == '0';
}

// Shell glob (`*`, `?`, `\x` literal) against the whole of `text`; iterative, O(n*m).
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t len = 1;
      char want = pattern[p];
      if (want == '\\' && p + 1 < pattern.size()) {
        want = pattern[p + 1];
        len = 2;
      }
      if ((pattern[p] == '?' && len == 1) || want == text[t]) {
        p += len;
        ++t;
        continue;
      }
    }
    if (star == std::string_view::npos) {
      return false;
    }
    p = star + 1;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

std::string trim_prefix(std::string_view value, std::string_view pattern, bool greedy) {
  if (too_costly(value.size(), pattern.size(), 2)) {
    return std::string(value);
  }
  for (std::size_t k = 0; k <= value.size(); ++k) {
    const std::size_t len = greedy ? value.size() - k : k;
    if (glob_match(pattern, value.substr(0, len))) {
      return std::string(value.substr(len));
    }
  }
  return std::string(value);
}

std::string trim_suffix(std::string_view value, std::string_view pattern, bool greedy) {
  if (too_costly(value.size(), pattern.size(), 2)) {
    return std::string(value);
  }
  for (std::size_t k = 0; k <= value.size(); ++k) {
    const std::size_t len = greedy ? value.size() - k : k;
    if (glob_match(pattern, value.substr(value.size() - len))) {
      return std::string(value.substr(0, value.size() - len));
    }
  }
  return std::string(value);
}

// ${V/pat/rep} and ${V//pat/rep}: the leftmost longest match, as BuildKit's greedy regex.
std::string replace(std::string_view value, std::string_view pattern, std::string_view with,
                    bool all) {
  const std::size_t n = value.size();
  if (pattern.empty() || too_costly(n, pattern.size(), 3)) {
    return std::string(value);
  }
  std::string out;
  std::size_t i = 0;
  bool replaced = false;
  while (i <= n) {
    std::size_t match_end = std::string_view::npos;
    if (all || !replaced) {
      for (std::size_t end = n; end > i; --end) {
        if (glob_match(pattern, value.substr(i, end - i))) {
          match_end = end;
          break;
        }
      }
    }
    if (match_end == std::string_view::npos) {
      if (i < n) {
        out += value[i];
      }
      ++i;
      continue;
    }
    out += with;
    i = match_end;
    replaced = true;
  }
  return out;
}

class Expander {
 public:
  Expander(std::string_view text, const std::map<std::string, std::string>& vars, char escape)
      : m_text(text), m_vars(vars), m_escape(escape) {}

  std::string run() {
    bool stopped = false;
    return until('\0', false, 0, stopped);
  }

 private:
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

  // processStopOn: text up to an unquoted `stop` (consumed; `stopped` says it was seen).
  // `raw` keeps escapes (the pattern of # % /).
  std::string until(char stop, bool raw, int depth, bool& stopped) {
    std::string out;
    while (!at_end()) {
      const char c = m_text[m_pos];
      if (stop != '\0' && c == stop) {
        ++m_pos;
        stopped = true;
        return out;
      }
      if (c == '$') {
        out += dollar(depth);
      } else if (c == '\'') {
        single_quoted(out);
      } else if (c == '"') {
        double_quoted(out, depth);
      } else {
        ++m_pos;
        if (c == m_escape) {
          if (raw) {
            out += c;
          }
          if (at_end()) {
            break;
          }
          out += m_text[m_pos++];
        } else {
          out += c;
        }
      }
    }
    return out;
  }

  void single_quoted(std::string& out) {
    ++m_pos;
    while (!at_end() && m_text[m_pos] != '\'') {
      out += m_text[m_pos++];
    }
    if (!at_end()) {
      ++m_pos;
    }
  }

  void double_quoted(std::string& out, int depth) {
    ++m_pos;
    while (!at_end() && m_text[m_pos] != '"') {
      const char c = m_text[m_pos];
      if (c == '$') {
        out += dollar(depth);
        continue;
      }
      ++m_pos;
      if (c == m_escape && !at_end()) {
        const char next = m_text[m_pos];
        if (next == '"' || next == '$' || next == m_escape) {
          out += next;
          ++m_pos;
          continue;
        }
      }
      out += c;
    }
    if (!at_end()) {
      ++m_pos;
    }
  }

  std::string name() {
    const std::size_t start = m_pos;
    if (!at_end() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
      while (!at_end() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
        ++m_pos;
      }
    } else if (!at_end() && is_special_param(m_text[m_pos])) {
      ++m_pos;
    } else {
      while (!at_end() && is_name_char(m_text[m_pos])) {
        ++m_pos;
      }
    }
    return std::string(m_text.substr(start, m_pos - start));
  }

  const std::string* lookup(const std::string& name) const {
    const auto it = m_vars.find(name);
    return it == m_vars.end() ? nullptr : &it->second;
  }

  // At '$'. On a syntax error BuildKit fails the build; we keep the text as written.
  std::string dollar(int depth) {
    const std::size_t start = m_pos++;
    if (peek() != '{') {
      const std::string var = name();
      if (var.empty()) {
        return "$";
      }
      const std::string* value = lookup(var);
      return value != nullptr ? *value : std::string();
    }
    ++m_pos;
    const char first = peek();
    if (at_end() || first == '{' || first == '}' || first == ':' || depth >= k_max_nesting) {
      return literal_from(start);
    }
    const std::string var = name();
    if (at_end()) {
      return literal_from(start);
    }
    const char op = m_text[m_pos++];
    const std::string* value = lookup(var);
    if (op == '}') {
      return value != nullptr ? *value : std::string();
    }
    if (op == '/') {
      return substitute(start, value, depth);
    }
    bool colon = false;
    char kind = op;
    if (op == ':') {
      colon = true;
      kind = at_end() ? '\0' : m_text[m_pos++];
      if (kind != '-' && kind != '+' && kind != '?') {
        return literal_from(start);
      }
    }
    if (kind != '-' && kind != '+' && kind != '?' && kind != '#' && kind != '%') {
      return literal_from(start);
    }
    bool stopped = false;
    std::string word = until('}', kind == '#' || kind == '%', depth + 1, stopped);
    if (!stopped) {
      return literal_from(start);
    }
    const bool unset = value == nullptr || (colon && value->empty());
    switch (kind) {
      case '-':
        return unset ? word : *value;
      case '+':
        return unset ? std::string() : word;
      case '?':
        return unset ? std::string() : *value;  // BuildKit fails the build instead
      default:
        break;
    }
    const std::string_view current = value != nullptr ? std::string_view(*value) : "";
    const bool greedy = !word.empty() && word.front() == kind;
    const std::string_view pattern = std::string_view(word).substr(greedy ? 1 : 0);
    return kind == '#' ? trim_prefix(current, pattern, greedy)
                       : trim_suffix(current, pattern, greedy);
  }

  std::string substitute(std::size_t start, const std::string* value, int depth) {
    const bool all = peek() == '/';
    if (all) {
      ++m_pos;
    }
    bool stopped = false;
    const std::string pattern = until('/', true, depth + 1, stopped);
    if (!stopped) {
      return literal_from(start);
    }
    stopped = false;
    const std::string with = until('}', true, depth + 1, stopped);
    if (!stopped) {
      return literal_from(start);
    }
    return replace(value != nullptr ? std::string_view(*value) : "", pattern, with, all);
  }

  // The text from `start` to the cursor, unexpanded.
  std::string literal_from(std::size_t start) const {
    return std::string(m_text.substr(start, m_pos - start));
  }

  std::string_view m_text;
  const std::map<std::string, std::string>& m_vars;
  char m_escape;
  std::size_t m_pos = 0;
};

bool is_docker_hub(std::string_view registry) {
  return registry == "docker.io" || registry == "index.docker.io" ||
         registry == "registry-1.docker.io";
}

}  // namespace

std::string expand(std::string_view word, const std::map<std::string, std::string>& vars,
                   char escape) {
  if (word.find_first_of("$'\"") == std::string_view::npos &&
      word.find(escape) == std::string_view::npos) {
    return std::string(word);
  }
  return Expander(word, vars, escape).run();
}

ImageRef parse_image(std::string_view reference) {
  ImageRef ref;
  std::string_view rest = detail::trim_blanks(reference);
  if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  // docker.io's rule: the first component names a registry only when it looks like a host.
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    const std::string_view first = rest.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost") {
      ref.registry = is_docker_hub(first) ? std::string() : std::string(first);
      rest = rest.substr(slash + 1);
    }
  }
  const std::size_t last_slash = rest.rfind('/');
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  ref.path = std::string(rest);
  return ref;
}

}  // namespace shipcheck::dockerfile
