// GitFacts: the git repository around the project root, opened once per run and shared
// by every check that needs git (through Context::memo).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/context.h"
#include "engines/git/repo.h"

namespace shipcheck::checks {

struct GitFacts {
  std::shared_ptr<const git::GitRepo> repo;  // null: the root is in no git work tree
  std::string error;                         // non-empty: a repository is there but cannot be read
  std::string prefix;                        // the root relative to the work tree: "" or "backend/"
  std::vector<std::string> tracked;          // tracked files under the root, relative to it, sorted

  // `path` (relative to the work tree) relative to the root; nullopt if outside the root.
  std::optional<std::string> to_root_relative(std::string_view repo_path) const;
  // `path` (relative to the root) relative to the work tree.
  std::string to_repo_relative(std::string_view root_path) const;
  bool is_tracked(std::string_view root_path) const;
};

// The facts for ctx.root, computed on first use. Never throws: a failure to read the
// repository is recorded in `error` (checks report it as an `error` result).
const GitFacts& git_facts(const Context& ctx);

}  // namespace shipcheck::checks
