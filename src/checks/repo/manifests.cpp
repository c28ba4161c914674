// Package manifests and their lock files (see manifests.h).
#include "checks/repo/manifests.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace shipcheck::checks {

namespace {

constexpr std::array<std::string_view, 9> k_manifests = {
    "package.json", "Pipfile", "pyproject.toml", "requirements.txt", "go.mod",
    "Cargo.toml",   "Gemfile", "gems.rb",        "composer.json"};

constexpr std::array<std::string_view, 9> k_skipped_dirs = {
    "node_modules",     "vendor", "venv", "__pycache__", "site-packages",
    "bower_components", "target", "dist", "build"};

bool skipped_dir_name(const std::string& name) {
  return name.empty() || name.front() == '.' ||
         std::find(k_skipped_dirs.begin(), k_skipped_dirs.end(), name) != k_skipped_dirs.end();
}

// True iff a package.json declares anything to install (unreadable JSON: assume it does).
bool package_json_has_dependencies(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return true;
  }
  for (const char* key : {"dependencies", "devDependencies", "optionalDependencies"}) {
    const auto it = json.find(key);
    if (it != json.end() && it->is_object() && !it->empty()) {
      return true;
    }
  }
  return json.contains("workspaces");
}

bool has_line_starting(std::string_view text, std::string_view prefix) {
  for (const std::string& line : split(text, '\n')) {
    if (trim(line).substr(0, prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

LockRule pyproject_rule(std::string_view text) {
  if (has_line_starting(text, "[tool.poetry") ||
      text.find("poetry.core.masonry.api") != std::string_view::npos) {
    return {true, {"poetry.lock", "pylock.toml"}, false};
  }
  if (has_line_starting(text, "[tool.pdm")) {
    return {true, {"pdm.lock", "pylock.toml"}, false};
  }
  if (has_line_starting(text, "[tool.uv")) {
    return {true, {"uv.lock", "pylock.toml"}, true};
  }
  return {};
}

// A requirements.txt line without its comment; a '#' only starts one at the beginning or
// after whitespace (pip's rule: URLs may hold '#').
std::string_view strip_comment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

bool is_pinned(std::string_view requirement) {
  if (requirement.find("://") != std::string_view::npos ||
      requirement.find(" @ ") != std::string_view::npos ||
      requirement.find("===") != std::string_view::npos) {
    return true;
  }
  const auto eq = requirement.find("==");
  if (eq == std::string_view::npos) {
    return false;
  }
  const std::string_view version = requirement.substr(eq + 2);
  return version.find('*') == std::string_view::npos &&
         version.find_first_of("<>!~,") == std::string_view::npos;
}

std::string project_name(std::string_view requirement) {
  std::size_t end = 0;
  while (end < requirement.size() &&
         (std::isalnum(static_cast<unsigned char>(requirement[end])) != 0 ||
          std::string_view("._-").find(requirement[end]) != std::string_view::npos)) {
    ++end;
  }
  return std::string(requirement.substr(0, end));
}

}  // namespace

bool is_manifest_name(std::string_view name) {
  return std::find(k_manifests.begin(), k_manifests.end(), name) != k_manifests.end();
}

std::vector<std::string> find_manifests(const std::filesystem::path& root, int max_depth,
                                        const std::function<bool(const std::string&)>& skip_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string relative = path.lexically_relative(root).generic_string();
    if (it->is_directory(ec)) {
      if (it.depth() >= max_depth || skipped_dir_name(path.filename().string()) ||
          fs::exists(path / "pyvenv.cfg", ec) || (skip_dir && skip_dir(relative))) {
        it.disable_recursion_pending();
      }
    } else if (is_manifest_name(path.filename().string()) && it->is_regular_file(ec)) {
      found.push_back(relative);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

LockRule lock_rule(std::string_view name, std::string_view text) {
  if (name == "package.json") {
    return {package_json_has_dependencies(text),
            {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
             "bun.lock"},
            true};
  }
  if (name == "pyproject.toml") {
    return pyproject_rule(text);
  }
  if (name == "go.mod") {
    return {has_line_starting(text, "require"), {"go.sum"}, false};
  }
  if (name == "Cargo.toml") {
    return {true, {"Cargo.lock"}, true};
  }
  if (name == "Pipfile") {
    return {true, {"Pipfile.lock"}, false};
  }
  if (name == "Gemfile") {
    return {true, {"Gemfile.lock"}, false};
  }
  if (name == "gems.rb") {
    return {true, {"gems.locked"}, false};
  }
  if (name == "composer.json") {
    return {true, {"composer.lock"}, false};
  }
  return {};
}

std::vector<Unpinned> unpinned_requirements(std::string_view text) {
  std::vector<Unpinned> unpinned;
  const std::vector<std::string> lines = split(text, '\n');
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line_number = static_cast<int>(i) + 1;
    std::string logical(strip_comment(lines[i]));
    while (!trim(logical).empty() && trim(logical).back() == '\\' && i + 1 < lines.size()) {
      logical = std::string(trim(logical).substr(0, trim(logical).size() - 1)) + " " +
                std::string(strip_comment(lines[++i]));
    }
    if (logical.find("--hash") != std::string::npos) {
      return {};
    }
    const std::string without_markers = logical.substr(0, logical.find(';'));
    const std::string_view requirement = trim(without_markers);
    if (requirement.empty() || requirement.front() == '-' || is_pinned(requirement)) {
      continue;
    }
    unpinned.push_back(Unpinned{project_name(requirement), line_number});
  }
  return unpinned;
}

}  // namespace shipcheck::checks
