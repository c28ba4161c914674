// .gitignore parsing and matching (see gitignore.h).
#include "engines/secrets/gitignore.h"

#include <array>
#include <cctype>
#include <optional>
#include <utility>

namespace shipcheck::secrets {

namespace {

// Outcomes of matching a pattern tail; the two aborts prune the backtracking of enclosing
// stars: no longer text can help (abort_all), or only a `**` can (abort_to_starstar).
enum class GlobMatch { yes, no, abort_all, abort_to_starstar };

GlobMatch match_from(std::string_view pattern, std::string_view text);

unsigned char byte(char c) {
  return static_cast<unsigned char>(c);
}

// `[:name:]` of a class; nullopt for an unknown name (the pattern is then malformed).
std::optional<bool> in_named_class(std::string_view name, unsigned char c) {
  using Predicate = int (*)(int);
  static constexpr std::array<std::pair<std::string_view, Predicate>, 12> k_classes{{
      {"alnum", isalnum},
      {"alpha", isalpha},
      {"blank", isblank},
      {"cntrl", iscntrl},
      {"digit", isdigit},
      {"graph", isgraph},
      {"lower", islower},
      {"print", isprint},
      {"punct", ispunct},
      {"space", isspace},
      {"upper", isupper},
      {"xdigit", isxdigit},
  }};
  for (const auto& [class_name, predicate] : k_classes) {
    if (class_name == name) {
      return predicate(c) != 0;
    }
  }
  return std::nullopt;
}

struct ClassMatch {
  bool valid = false;    // false: unterminated class or unknown [:name:]
  bool matched = false;  // before negation
  std::size_t end = 0;   // index of the closing ']'
};

// Matches `c` against the class opening at pattern[open] == '['. A ']' right after the
// opening (or after the negation mark) is a member, as in git.
ClassMatch match_class(std::string_view pattern, std::size_t open, unsigned char c, bool& negated) {
  ClassMatch result;
  std::size_t i = open + 1;
  negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) {
    ++i;
  }
  int previous = -1;  // the last single member (a range's low end); -1: none
  for (bool first = true; i < pattern.size() && (first || pattern[i] != ']'); ++i, first = false) {
    unsigned char member = byte(pattern[i]);
    if (member == '\\') {
      if (++i >= pattern.size()) {
        return result;
      }
      member = byte(pattern[i]);
    } else if (member == '-' && previous >= 0 && i + 1 < pattern.size() && pattern[i + 1] != ']') {
      ++i;
      if (pattern[i] == '\\' && ++i >= pattern.size()) {
        return result;
      }
      result.matched = result.matched || (c >= previous && c <= byte(pattern[i]));
      previous = -1;
      continue;
    } else if (member == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      const std::size_t close = pattern.find(":]", i + 2);
      const std::size_t bracket = pattern.find(']', i + 2);
      if (close != std::string_view::npos && close + 1 == bracket) {
        const auto in_class = in_named_class(pattern.substr(i + 2, close - i - 2), c);
        if (!in_class) {
          return result;
        }
        result.matched = result.matched || *in_class;
        previous = -1;
        i = close + 1;
        continue;
      }
      // No ":]" before the next ']': an ordinary '[' member.
    }
    result.matched = result.matched || c == member;
    previous = member;
  }
  if (i >= pattern.size()) {
    return result;
  }
  result.valid = true;
  result.end = i;
  return result;
}

// A run of stars at pattern[star]: `**` spans directories only when it fills a whole path
// component; otherwise it is a plain `*`.
GlobMatch match_star(std::string_view pattern, std::size_t star, std::string_view text) {
  std::size_t rest = star;
  while (rest < pattern.size() && pattern[rest] == '*') {
    ++rest;
  }
  bool match_slash = false;
  if (rest - star >= 2 && (star == 0 || pattern[star - 1] == '/') &&
      (rest == pattern.size() || pattern[rest] == '/')) {
    // "**/" may also stand for no directory at all: "a/**/b" matches "a/b".
    if (rest < pattern.size() && match_from(pattern.substr(rest + 1), text) == GlobMatch::yes) {
      return GlobMatch::yes;
    }
    match_slash = true;
  }
  const std::string_view tail = pattern.substr(rest);
  if (tail.empty()) {
    return match_slash || text.find('/') == std::string_view::npos ? GlobMatch::yes
                                                                   : GlobMatch::abort_to_starstar;
  }
  for (std::size_t t = 0; t < text.size(); ++t) {
    const GlobMatch matched = match_from(tail, text.substr(t));
    if (matched != GlobMatch::no) {
      if (!match_slash || matched != GlobMatch::abort_to_starstar) {
        return matched;
      }
    } else if (!match_slash && text[t] == '/') {
      return GlobMatch::abort_to_starstar;
    }
  }
  return GlobMatch::abort_all;
}

GlobMatch match_from(std::string_view pattern, std::string_view text) {
  std::size_t t = 0;
  for (std::size_t p = 0; p < pattern.size(); ++p, ++t) {
    const char pc = pattern[p];
    if (pc == '*') {
      return match_star(pattern, p, text.substr(t));
    }
    if (t >= text.size()) {
      return GlobMatch::abort_all;
    }
    const char tc = text[t];
    if (pc == '\\') {
      // A trailing backslash matches nothing.
      if (++p >= pattern.size() || pattern[p] != tc) {
        return GlobMatch::no;
      }
    } else if (pc == '?') {
      if (tc == '/') {
        return GlobMatch::no;
      }
    } else if (pc == '[') {
      bool negated = false;
      const ClassMatch klass = match_class(pattern, p, byte(tc), negated);
      if (!klass.valid) {
        return GlobMatch::abort_all;
      }
      if (klass.matched == negated || tc == '/') {
        return GlobMatch::no;
      }
      p = klass.end;
    } else if (pc != tc) {
      return GlobMatch::no;
    }
  }
  return t == text.size() ? GlobMatch::yes : GlobMatch::no;
}

// Drops trailing spaces unless escaped with a backslash ("foo\ " keeps its space).
std::string_view trim_trailing_spaces(std::string_view line) {
  std::optional<std::size_t> run;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ' ') {
      if (!run) {
        run = i;
      }
      continue;
    }
    run.reset();
    if (line[i] == '\\' && i + 1 < line.size()) {
      ++i;
    }
  }
  return run ? line.substr(0, *run) : line;
}

std::optional<GitignorePattern> parse_line(std::string_view line, const std::string& base) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') {
    return std::nullopt;
  }
  line = trim_trailing_spaces(line);
  GitignorePattern parsed;
  parsed.base = base;
  parsed.negated = !line.empty() && line.front() == '!';
  if (parsed.negated) {
    line.remove_prefix(1);
  }
  parsed.directory_only = !line.empty() && line.back() == '/';
  if (parsed.directory_only) {
    line.remove_suffix(1);
  }
  parsed.basename_only = line.find('/') == std::string_view::npos;
  if (!line.empty() && line.front() == '/') {
    line.remove_prefix(1);
  }
  if (line.empty()) {
    return std::nullopt;
  }
  parsed.pattern = std::string(line);
  return parsed;
}

bool pattern_matches(const GitignorePattern& pattern, std::string_view path, bool is_directory) {
  if (pattern.directory_only && !is_directory) {
    return false;
  }
  if (path.substr(0, pattern.base.size()) != pattern.base) {
    return false;
  }
  const std::string_view relative = path.substr(pattern.base.size());
  if (pattern.basename_only) {
    const std::size_t slash = relative.rfind('/');
    return wildmatch(pattern.pattern,
                     slash == std::string_view::npos ? relative : relative.substr(slash + 1));
  }
  return wildmatch(pattern.pattern, relative);
}

}  // namespace

bool wildmatch(std::string_view pattern, std::string_view text) {
  return match_from(pattern, text) == GlobMatch::yes;
}

std::vector<GitignorePattern> parse_gitignore(std::string_view content, const std::string& base) {
  constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";
  if (content.substr(0, k_byte_order_mark.size()) == k_byte_order_mark) {
    content.remove_prefix(k_byte_order_mark.size());
  }
  std::vector<GitignorePattern> patterns;
  while (!content.empty()) {
    const std::size_t newline = content.find('\n');
    const std::string_view line = content.substr(0, newline);
    content.remove_prefix(newline == std::string_view::npos ? content.size() : newline + 1);
    if (auto parsed = parse_line(line, base)) {
      patterns.push_back(std::move(*parsed));
    }
  }
  return patterns;
}

void GitignoreStack::push(const std::string& base, std::string_view content) {
  m_level_starts.push_back(m_patterns.size());
  for (GitignorePattern& pattern : parse_gitignore(content, base)) {
    m_patterns.push_back(std::move(pattern));
  }
}

void GitignoreStack::pop() {
  if (m_level_starts.empty()) {
    return;
  }
  m_patterns.resize(m_level_starts.back());
  m_level_starts.pop_back();
}

bool GitignoreStack::is_ignored(std::string_view path, bool is_directory) const {
  for (auto it = m_patterns.rbegin(); it != m_patterns.rend(); ++it) {
    if (pattern_matches(*it, path, is_directory)) {
      return !it->negated;
    }
  }
  return false;
}

}  // namespace shipcheck::secrets
