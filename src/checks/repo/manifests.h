// Package manifests and their lock files, for GIT004: where manifests live, which lock
// file pins each, and which lines of a requirements.txt are not pinned.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::checks {

// What a manifest needs to be reproducible.
struct LockRule {
  bool required = false;  // false: this manifest pins nothing (e.g. go.mod with no require)
  std::vector<std::string> locks;  // any one of these file names pins it
  bool workspace = false;          // the lock may sit in an ancestor directory (up to the root)
};

struct Unpinned {
  std::string name;  // the requirement's project name
  int line = 0;      // 1-based
};

// Manifest file names this rule knows (package.json, Pipfile, pyproject.toml, ...).
bool is_manifest_name(std::string_view name);

// Manifests (paths relative to root, sorted) at the root and up to `max_depth` directories
// below it. Never descends into hidden directories, dependency trees (node_modules,
// vendor, virtualenvs: venv, .venv or any directory holding pyvenv.cfg) or build output,
// nor into directories for which `skip_dir(relative path)` is true.
std::vector<std::string> find_manifests(const std::filesystem::path& root, int max_depth,
                                        const std::function<bool(const std::string&)>& skip_dir);

// The lock rule for a manifest named `name` with contents `text`. requirements.txt is not
// covered here (see unpinned_requirements).
LockRule lock_rule(std::string_view name, std::string_view text);

// Requirements of a requirements.txt not pinned to one version (`==` without a wildcard,
// `===`, or a direct URL reference). Empty when every requirement is pinned or the file
// uses `--hash` (pip's hash-checking mode pins everything). Options (-r, -e, --index-url)
// are not requirements.
std::vector<Unpinned> unpinned_requirements(std::string_view text);

}  // namespace shipcheck::checks
