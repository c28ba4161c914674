// GIT004: reproducible installs need lock files (see docs/rules/GIT004.md).
#include "checks/repo/lock_files.h"

#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/repo/git_facts.h"
#include "checks/repo/manifests.h"

namespace shipcheck::checks {

namespace {

namespace fs = std::filesystem;

constexpr int k_max_depth = 3;
constexpr std::streamsize k_max_manifest_bytes = 1 << 20;

std::string read_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(static_cast<std::size_t>(k_max_manifest_bytes), '\0');
  in.read(text.data(), k_max_manifest_bytes);
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// Directory part of a root-relative path: "a/b/x.json" -> "a/b/", "x.json" -> "".
std::string dir_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// The first of `rule.locks` beside the manifest, or (workspaces) in a directory above it.
std::optional<std::string> find_lock(const fs::path& root, const std::string& manifest,
                                     const LockRule& rule) {
  std::string dir = dir_of(manifest);
  while (true) {
    for (const std::string& lock : rule.locks) {
      std::error_code ec;
      if (fs::is_regular_file(root / (dir + lock), ec)) {
        return dir + lock;
      }
    }
    if (!rule.workspace || dir.empty()) {
      return std::nullopt;
    }
    dir = dir_of(dir.substr(0, dir.size() - 1));
  }
}

}  // namespace

LockFiles::LockFiles()
    : Check(RuleInfo{"GIT004", "repo", "Dependencies are locked", Severity::medium,
                     "generate the lock file with your package manager (npm install, poetry lock, "
                     "uv lock, pip-compile, go mod tidy, cargo generate-lockfile, bundle lock, "
                     "composer update --lock) and commit it"}) {}

void LockFiles::check_requirements(const Context& ctx, const std::string& manifest,
                                   const std::string& text, Outcome& out) const {
  const std::string lock = dir_of(manifest) + "requirements.lock";
  const auto unpinned = unpinned_requirements(text);
  if (unpinned.empty() || fs::exists(ctx.root / lock)) {
    out.locked.push_back(manifest + (unpinned.empty() ? " (pinned)" : " (" + lock + ")"));
    return;
  }
  std::vector<std::string> names;
  names.reserve(unpinned.size());
  for (const auto& u : unpinned) {
    names.push_back(u.name);
  }
  Result r =
      fail(fmt::format("{}: {} requirement{} not pinned with ==: {}", manifest, unpinned.size(),
                       unpinned.size() == 1 ? " is" : "s are", fmt::join(names, ", ")));
  r.location = location_in(manifest, unpinned.front().line);
  r.remediation =
      "pin every requirement (`pip-compile` or `uv pip compile` from a requirements.in), or "
      "add a requirements.lock";
  out.failures.push_back(std::move(r));
}

void LockFiles::check_manifest(const Context& ctx, const GitFacts& git, const std::string& manifest,
                               Outcome& out) const {
  const std::string name = fs::path(manifest).filename().string();
  const std::string text = read_head(ctx.root / manifest);
  if (name == "requirements.txt") {
    check_requirements(ctx, manifest, text, out);
    return;
  }
  const LockRule rule = lock_rule(name, text);
  if (!rule.required) {
    return;
  }
  const auto lock = find_lock(ctx.root, manifest, rule);
  if (!lock) {
    Result r = fail(fmt::format("{} has no lock file ({})", manifest, fmt::join(rule.locks, ", ")));
    r.location = location_in(manifest);
    out.failures.push_back(std::move(r));
  } else if (git.is_tracked(manifest) && !git.is_tracked(*lock)) {
    Result r = fail(fmt::format("{} exists but is not committed", *lock));
    r.location = location_in(*lock);
    r.remediation =
        fmt::format("`git add {}` (and drop it from .gitignore if listed there)", *lock);
    out.failures.push_back(std::move(r));
  } else {
    out.locked.push_back(fmt::format("{} ({})", manifest, *lock));
  }
}

std::vector<Result> LockFiles::run(const Context& ctx) const {
  const GitFacts& git = git_facts(ctx);
  if (!git.error.empty()) {
    return {error(git.error)};
  }
  if (!git.repo) {
    return {skip("not a git repository")};
  }
  const auto ignored = [&git](const std::string& dir) {
    return git.repo->is_ignored(git.to_repo_relative(dir) + "/");
  };
  Outcome out;
  for (const std::string& manifest : find_manifests(ctx.root, k_max_depth, ignored)) {
    check_manifest(ctx, git, manifest, out);
  }
  if (!out.failures.empty()) {
    return std::move(out.failures);
  }
  if (out.locked.empty()) {
    return {skip("no package manifest that needs a lock file")};
  }
  return {pass(
      fmt::format("{} manifest{} locked", out.locked.size(), out.locked.size() == 1 ? "" : "s"),
      fmt::format("{}", fmt::join(out.locked, "\n")))};
}

}  // namespace shipcheck::checks
