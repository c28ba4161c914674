#include "engines/secrets/path_globs.h"

#include <algorithm>

#include "core/text.h"

namespace shipcheck::secrets {
namespace {

bool is_literal(std::string_view text) {
  return !text.empty() && text.find_first_of("*?/[") == std::string_view::npos;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

}  // namespace

PathGlobs::PathGlobs(const std::vector<std::string>& globs) : m_count(globs.size()) {
  for (const auto& glob : globs) {
    const std::string_view g = glob;
    if (!starts_with(g, "**/")) {
      m_other.push_back(glob);
      continue;
    }
    const std::string_view rest = g.substr(3);
    if (is_literal(rest)) {
      m_basenames.emplace(rest);
    } else if (rest.front() == '*' && is_literal(rest.substr(1))) {
      m_suffixes.emplace_back(rest.substr(1));
    } else if (rest.back() == '*' && is_literal(rest.substr(0, rest.size() - 1))) {
      m_prefixes.emplace_back(rest.substr(0, rest.size() - 1));
    } else if (ends_with(rest, "/**") && is_literal(rest.substr(0, rest.size() - 3))) {
      m_directories.emplace_back(rest.substr(0, rest.size() - 3));
    } else if (rest.find('/') == std::string_view::npos) {
      // "**/" then one component: its wildcards cannot cross '/', so only the basename
      // can match, and matching it alone spares glob_match trying every suffix of the path.
      m_basename_globs.emplace_back(rest);
    } else {
      m_other.push_back(glob);
    }
  }
}

bool PathGlobs::matches(std::string_view path) const {
  if (m_count == 0) {
    return false;
  }
  const std::size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (!m_basenames.empty() && m_basenames.count(std::string(base)) > 0) {
    return true;
  }
  const auto suffix = [&](const std::string& s) { return ends_with(base, s); };
  const auto prefix = [&](const std::string& p) { return starts_with(base, p); };
  const auto directory = [&](const std::string& d) {
    const std::string_view dirs = slash == std::string_view::npos ? "" : path.substr(0, slash);
    for (std::size_t at = 0; at <= dirs.size();) {
      const std::size_t end = std::min(dirs.find('/', at), dirs.size());
      if (dirs.substr(at, end - at) == d) {
        return true;
      }
      at = end + 1;
    }
    return false;
  };
  const auto base_glob = [&](const std::string& g) { return glob_match(g, base); };
  const auto other = [&](const std::string& g) { return glob_match(g, path); };
  return std::any_of(m_suffixes.begin(), m_suffixes.end(), suffix) ||
         std::any_of(m_prefixes.begin(), m_prefixes.end(), prefix) ||
         std::any_of(m_directories.begin(), m_directories.end(), directory) ||
         std::any_of(m_basename_globs.begin(), m_basename_globs.end(), base_glob) ||
         std::any_of(m_other.begin(), m_other.end(), other);
}

}  // namespace shipcheck::secrets
