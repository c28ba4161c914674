// .dockerignore matching (dockerignore.h), after moby/patternmatcher.
#include "checks/docker/dockerignore.h"

#include "core/text.h"

namespace shipcheck::checks::docker {
namespace {

// filepath.Clean for the relative patterns a .dockerignore holds: no empty or "."
// segments, ".." folded, no leading or trailing '/'.
std::string clean(std::string_view pattern) {
  std::vector<std::string> parts;
  for (const auto& part : split(pattern, '/')) {
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (const auto& part : parts) {
    out += (out.empty() ? "" : "/") + part;
  }
  return out.empty() ? "." : out;
}

// One `[...]` class at p[0] against c: `^` or `!` negates, `a-z` ranges, `\\` escapes.
// Sets `length` to the class's size; false (and length 0) when it never closes, which Go
// rejects as a bad pattern.
bool class_matches(std::string_view p, char c, std::size_t& length) {
  std::size_t i = 1;
  const bool negated = i < p.size() && (p[i] == '^' || p[i] == '!');
  i += negated ? 1 : 0;
  bool hit = false;
  for (bool first = true; i < p.size() && (first || p[i] != ']'); first = false) {
    char low = p[i] == '\\' && i + 1 < p.size() ? p[++i] : p[i];
    char high = low;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      i += 2;
      high = p[i] == '\\' && i + 1 < p.size() ? p[++i] : p[i];
    }
    hit = hit || (low <= c && c <= high);
    ++i;
  }
  length = i < p.size() ? i + 1 : 0;
  return length > 0 && hit != negated;
}

// Go's filepath.Match plus moby's `**` (any run of directories, none included), without
// building a regular expression per pattern.
bool glob(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      p.remove_prefix(p.size() > 2 && p[2] == '/' ? 3 : 2);
      if (p.empty()) {
        return true;
      }
      // `(.*/)?`: nothing, or any prefix that ends with a '/'.
      if (glob(p, s)) {
        return true;
      }
      for (std::size_t k = s.find('/'); k != std::string_view::npos; k = s.find('/', k + 1)) {
        if (glob(p, s.substr(k + 1))) {
          return true;
        }
      }
      return false;
    }
    if (p[0] == '*') {
      for (std::size_t k = 0; k <= s.size(); ++k) {
        if (glob(p.substr(1), s.substr(k))) {
          return true;
        }
        if (k < s.size() && s[k] == '/') {
          break;
        }
      }
      return false;
    }
    if (s.empty() || (s[0] == '/' && p[0] != '/')) {
      return false;
    }
    std::size_t length = 1;
    if (p[0] == '[') {
      if (!class_matches(p, s[0], length)) {
        return false;
      }
    } else if (p[0] == '\\' && p.size() > 1) {
      length = 2;
      if (p[1] != s[0]) {
        return false;
      }
    } else if (p[0] != '?' && p[0] != s[0]) {
      return false;
    }
    p.remove_prefix(length);
    s.remove_prefix(1);
  }
  return s.empty();
}

// The path itself, then each parent directory ("a/b/c" -> "a", "a/b").
bool matches(std::string_view pattern, std::string_view path) {
  if (glob(pattern, path)) {
    return true;
  }
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    if (glob(pattern, path.substr(0, slash))) {
      return true;
    }
  }
  return false;
}

}  // namespace

IgnoreDecision dockerignore_decision(const std::vector<std::string>& lines, std::string_view path) {
  IgnoreDecision decision;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = trim(lines[n]);
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const bool negated = line[0] == '!';
    if (negated) {
      line = trim(line.substr(1));
    }
    std::string pattern = clean(line);
    if (pattern == ".") {
      continue;
    }
    if (matches(pattern, path)) {
      decision = IgnoreDecision{!negated, static_cast<int>(n + 1)};
    }
  }
  return decision;
}

}  // namespace shipcheck::checks::docker
