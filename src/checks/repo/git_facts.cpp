// GitFacts: opening the repository around the project root once per run.
#include "checks/repo/git_facts.h"

#include <algorithm>
#include <exception>
#include <filesystem>

namespace shipcheck::checks {

namespace {

// "" when the root is the work tree itself, "sub/dir/" below it, nullopt outside it.
std::optional<std::string> root_prefix(const std::filesystem::path& root,
                                       const std::filesystem::path& workdir) {
  std::error_code ec;
  const auto canonical_root = std::filesystem::weakly_canonical(root, ec);
  const auto canonical_workdir = std::filesystem::weakly_canonical(workdir, ec);
  const auto relative = canonical_root.lexically_relative(canonical_workdir);
  const std::string text = relative.generic_string();
  if (text.empty() || text.rfind("..", 0) == 0) {
    return std::nullopt;
  }
  return text == "." ? std::string() : text + "/";
}

GitFacts compute(const Context& ctx) {
  GitFacts facts;
  auto opened = git::GitRepo::try_open(ctx.root);
  if (!opened) {
    facts.error = opened.error();
    return facts;
  }
  if (!*opened) {
    return facts;
  }
  const auto prefix = root_prefix(ctx.root, (*opened)->workdir());
  if (!prefix) {
    return facts;  // e.g. a root inside .git: not part of any work tree
  }
  facts.prefix = *prefix;
  facts.repo = std::make_shared<const git::GitRepo>(std::move(**opened));
  for (const std::string& path : facts.repo->tracked_files()) {
    if (auto relative = facts.to_root_relative(path)) {
      facts.tracked.push_back(std::move(*relative));
    }
  }
  return facts;
}

}  // namespace

std::optional<std::string> GitFacts::to_root_relative(std::string_view repo_path) const {
  if (repo_path.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  return std::string(repo_path.substr(prefix.size()));
}

std::string GitFacts::to_repo_relative(std::string_view root_path) const {
  return prefix + std::string(root_path);
}

bool GitFacts::is_tracked(std::string_view root_path) const {
  return std::binary_search(tracked.begin(), tracked.end(), root_path);
}

const GitFacts& git_facts(const Context& ctx) {
  return ctx.memo.get<GitFacts>([&ctx] {
    try {
      return compute(ctx);
    } catch (const std::exception& e) {
      GitFacts failed;
      failed.error = e.what();
      return failed;
    }
  });
}

}  // namespace shipcheck::checks
