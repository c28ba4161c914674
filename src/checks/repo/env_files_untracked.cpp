// GIT001: env files stay out of git (see docs/rules/GIT001.md).
#include "checks/repo/env_files_untracked.h"

#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "checks/repo/git_facts.h"
#include "core/text.h"

namespace shipcheck::checks {

namespace {

constexpr std::array<std::string_view, 4> k_template_suffixes = {".example", ".sample", ".template",
                                                                 ".dist"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The configured env file relative to the root ("" when none, or outside the root).
std::string configured_env_file(const Context& ctx) {
  const std::string& configured = ctx.config.env_file;
  if (configured.empty()) {
    return {};
  }
  std::string normal = std::filesystem::path(configured).lexically_normal().generic_string();
  if (normal.rfind("..", 0) == 0 || std::filesystem::path(normal).is_absolute()) {
    return {};
  }
  return normal;
}

}  // namespace

EnvFilesUntracked::EnvFilesUntracked()
    : Check(RuleInfo{"GIT001", "repo", "Env files are not tracked by git", Severity::critical,
                     "run `git rm --cached <file>`, add the file to .gitignore, and rotate every "
                     "secret it held (it stays in git history)"}) {}

bool EnvFilesUntracked::is_env_file_name(std::string_view name) {
  const std::string lowered = to_lower(name);
  for (std::string_view suffix : k_template_suffixes) {
    if (ends_with(lowered, suffix)) {
      return false;
    }
  }
  return lowered == ".env" || lowered.rfind(".env.", 0) == 0 ||
         (lowered.size() > 4 && ends_with(lowered, ".env"));
}

std::vector<Result> EnvFilesUntracked::run(const Context& ctx) const {
  const GitFacts& git = git_facts(ctx);
  if (!git.error.empty()) {
    return {error(git.error)};
  }
  if (!git.repo) {
    return {skip("not a git repository")};
  }
  const std::string env_file = configured_env_file(ctx);
  std::vector<Result> results;
  for (const std::string& path : git.tracked) {
    if (!is_env_file_name(base_name(path)) && path != env_file) {
      continue;
    }
    const bool ignored = git.repo->is_ignored(git.to_repo_relative(path));
    Result r = fail(fmt::format("{} is tracked by git{}", path,
                                ignored ? "" : " and not ignored by .gitignore"));
    r.location = location_in(path);
    results.push_back(std::move(r));
  }
  const bool env_tracked = !env_file.empty() && git.is_tracked(env_file);
  if (!env_file.empty() && !env_tracked && !git.repo->is_ignored(git.to_repo_relative(env_file))) {
    Result r = fail(fmt::format("{} is not ignored by .gitignore", env_file));
    r.location = location_in(env_file);
    r.remediation =
        fmt::format("add `{}` (or `.env*` with `!.env.example`) to .gitignore", env_file);
    results.push_back(std::move(r));
  }
  if (results.empty()) {
    results.push_back(pass(
        env_file.empty() ? std::string("no env file is tracked by git")
                         : fmt::format("no env file is tracked by git; {} is ignored", env_file)));
  }
  return results;
}

}  // namespace shipcheck::checks
