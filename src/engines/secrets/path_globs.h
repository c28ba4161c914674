// A set of path globs (core/text.h glob_match syntax) matched many times: the shapes rule
// files use most ("**/name", "**/*.ext", "**/prefix*", "**/dir/**") become string tests,
// the rest fall back to glob_match. Every file of a scan meets every allowlist glob, so this
// is on the hot path.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace shipcheck::secrets {

class PathGlobs {
 public:
  PathGlobs() = default;
  explicit PathGlobs(const std::vector<std::string>& globs);
  bool empty() const { return m_count == 0; }
  bool matches(std::string_view path) const;

 private:
  std::size_t m_count = 0;
  std::unordered_set<std::string> m_basenames;
  std::vector<std::string> m_suffixes;        // of the basename
  std::vector<std::string> m_prefixes;        // of the basename
  std::vector<std::string> m_directories;     // any path component
  std::vector<std::string> m_basename_globs;  // globs of the basename alone
  std::vector<std::string> m_other;
};

}  // namespace shipcheck::secrets
