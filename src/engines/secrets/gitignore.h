// .gitignore matching of our own, for directories outside any git repository (libgit2's
// ignore API works only inside a repository). Follows gitignore(5) and git's wildmatch.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::secrets {

// git's wildmatch with WM_PATHNAME: `*` and `?` stop at '/', `**` between slashes (or at
// either end) spans directories, `[...]` classes (`!`/`^` negation, ranges, [:alpha:] and
// the other POSIX names), `\` escapes the next character. Case-sensitive.
bool wildmatch(std::string_view pattern, std::string_view text);

struct GitignorePattern {
  std::string pattern;  // without the leading '!', leading '/' and trailing '/'
  std::string base;     // directory of its .gitignore relative to the root: "" or "a/b/"
  bool negated = false;
  bool directory_only = false;  // had a trailing '/'
  bool basename_only = false;   // had no '/' at all: matches a name at any depth below base
};

// The patterns of one .gitignore file found in directory `base` ("" or "a/b/"), in file
// order: blank lines and `#` comments dropped, unescaped trailing spaces trimmed, CRLF
// line ends and a UTF-8 byte order mark accepted.
std::vector<GitignorePattern> parse_gitignore(std::string_view content, const std::string& base);

// The .gitignore files of the directories from the root down to the one being walked.
class GitignoreStack {
 public:
  // Enters a directory whose .gitignore holds `content` (empty when it has none).
  void push(const std::string& base, std::string_view content);
  // Leaves the directory entered last.
  void pop();
  // True iff `path` (relative to the root, '/'-separated) is excluded: the last pattern
  // matching it decides, deeper files overriding shallower ones, as in git.
  bool is_ignored(std::string_view path, bool is_directory) const;

 private:
  std::vector<GitignorePattern> m_patterns;
  std::vector<std::size_t> m_level_starts;
};

}  // namespace shipcheck::secrets
