// GIT002: deploy what is committed (see docs/rules/GIT002.md).
#include "checks/repo/clean_tree.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/repo/git_facts.h"

namespace shipcheck::checks {

namespace {

constexpr std::size_t k_evidence_paths = 5;

struct Counts {
  int modified = 0;
  int staged = 0;
  int untracked = 0;
};

std::string describe(const Counts& counts, std::size_t total) {
  std::vector<std::string> parts;
  if (counts.modified > 0) {
    parts.push_back(fmt::format("{} modified", counts.modified));
  }
  if (counts.staged > 0) {
    parts.push_back(fmt::format("{} staged", counts.staged));
  }
  if (counts.untracked > 0) {
    parts.push_back(fmt::format("{} untracked", counts.untracked));
  }
  return fmt::format("{} uncommitted change{} ({})", total, total == 1 ? "" : "s",
                     fmt::join(parts, ", "));
}

}  // namespace

CleanTree::CleanTree()
    : Check(RuleInfo{"GIT002", "repo", "Working tree is clean", Severity::medium,
                     "commit or stash the changes (or add generated files to .gitignore) so that "
                     "what is deployed is exactly a commit"}) {}

std::vector<Result> CleanTree::run(const Context& ctx) const {
  if (!ctx.config.git.require_clean) {
    return {skip("git.require_clean is false")};
  }
  const GitFacts& git = git_facts(ctx);
  if (!git.error.empty()) {
    return {error(git.error)};
  }
  if (!git.repo) {
    return {skip("not a git repository")};
  }
  Counts counts;
  std::vector<std::string> shown;
  std::size_t total = 0;
  for (const git::StatusEntry& entry : git.repo->status()) {
    const auto path = git.to_root_relative(entry.path);
    if (!path) {
      continue;
    }
    ++total;
    counts.modified += entry.modified || entry.conflicted ? 1 : 0;
    counts.staged += entry.staged ? 1 : 0;
    counts.untracked += entry.untracked ? 1 : 0;
    if (shown.size() < k_evidence_paths) {
      shown.push_back(fmt::format("{} {}", entry.code, *path));
    }
  }
  if (total == 0) {
    return {pass(git.prefix.empty() ? "working tree is clean"
                                    : fmt::format("working tree under {} is clean", git.prefix))};
  }
  std::string evidence = fmt::format("{}", fmt::join(shown, "\n"));
  if (total > shown.size()) {
    evidence += fmt::format("\n… and {} more", total - shown.size());
  }
  return {fail(describe(counts, total), std::move(evidence))};
}

}  // namespace shipcheck::checks
