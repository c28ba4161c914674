// .dockerignore matching (dockerignore.h), after moby/patternmatcher.
#include "checks/docker/dockerignore.h"

#include <optional>
#include <regex>

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

// The pattern as an anchored regular expression, like patternmatcher's compile().
std::optional<std::regex> compile(std::string_view p) {
  std::string re = "^";
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '*' && i + 1 < p.size() && p[i + 1] == '*') {
      i += (i + 2 < p.size() && p[i + 2] == '/') ? 2 : 1;
      re += i + 1 >= p.size() ? ".*" : "(.*/)?";
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else if (c == '\\' && i + 1 < p.size()) {
      re += std::string("\\") + p[++i];
    } else if (std::string_view(".+()|{}^$").find(c) != std::string_view::npos) {
      re += std::string("\\") + c;
    } else {
      re += c;  // '[' ... ']' classes pass through, as in Go
    }
  }
  re += "$";
  try {
    return std::regex(re, std::regex::ECMAScript | std::regex::optimize);
  } catch (const std::regex_error&) {
    return std::nullopt;  // BuildKit rejects the file; here the pattern just never matches
  }
}

// The path itself, then each parent directory ("a/b/c" -> "a", "a/b").
bool matches(const std::regex& re, std::string_view path) {
  if (std::regex_match(path.begin(), path.end(), re)) {
    return true;
  }
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    const std::string_view parent = path.substr(0, slash);
    if (std::regex_match(parent.begin(), parent.end(), re)) {
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
    const auto re = compile(pattern);
    if (re && matches(*re, path)) {
      decision = IgnoreDecision{!negated, static_cast<int>(n + 1)};
    }
  }
  return decision;
}

}  // namespace shipcheck::checks::docker
