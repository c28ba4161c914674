// DOC005: changes reach production through CI (see docs/rules/DOC005.md).
#include "checks/docs/ci_config.h"

#include <array>
#include <filesystem>

#include <fmt/format.h>

#include "checks/docs/doc_files.h"
#include "checks/repo/git_facts.h"

namespace shipcheck::checks {

namespace {

namespace fs = std::filesystem;

// Directories whose *.yml / *.yaml files are workflows.
constexpr std::array<std::string_view, 3> k_workflow_dirs = {
    ".github/workflows", ".gitea/workflows", ".forgejo/workflows"};
constexpr std::array<std::string_view, 13> k_files = {
    ".gitlab-ci.yml",           ".circleci/config.yml", "Jenkinsfile",     "azure-pipelines.yml",
    "bitbucket-pipelines.yml",  ".drone.yml",           ".woodpecker.yml", ".travis.yml",
    ".semaphore/semaphore.yml", "appveyor.yml",         "cloudbuild.yaml", "cloudbuild.yml",
    ".gitlab-ci.yaml"};
// Directories that are CI configuration as a whole.
constexpr std::array<std::string_view, 3> k_dirs = {".buildkite", ".ci", ".woodpecker"};

bool is_yaml_name(std::string_view name) {
  const auto ends = [&](std::string_view ext) {
    return name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  return ends(".yml") || ends(".yaml");
}

bool non_empty_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::directory_iterator(dir, ec) != fs::directory_iterator();
}

// The first CI configuration under `base`, relative to it.
std::optional<std::string> find_ci(const fs::path& base) {
  for (std::string_view dir : k_workflow_dirs) {
    const auto workflows = files_in(base, dir, is_yaml_name);
    if (!workflows.empty()) {
      return workflows.front();
    }
  }
  for (std::string_view file : k_files) {
    std::error_code ec;
    if (fs::is_regular_file(base / file, ec)) {
      return std::string(file);
    }
  }
  for (std::string_view dir : k_dirs) {
    if (non_empty_dir(base / dir)) {
      return std::string(dir) + "/";
    }
  }
  return std::nullopt;
}

}  // namespace

CiConfig::CiConfig()
    : Check(RuleInfo{"DOC005", "docs", "CI pipeline is configured", Severity::medium,
                     "add a CI pipeline that runs the tests on every push, e.g. "
                     ".github/workflows/ci.yml or .gitlab-ci.yml"}) {}

std::vector<Result> CiConfig::run(const Context& ctx) const {
  if (const auto found = find_ci(ctx.root)) {
    return {pass(fmt::format("CI configuration: {}", *found))};
  }
  // In a monorepo the pipeline lives at the top of the repository, not in the service.
  const GitFacts& git = git_facts(ctx);
  if (git.repo && !git.prefix.empty()) {
    if (const auto found = find_ci(git.repo->workdir())) {
      return {pass(fmt::format("CI configuration: {} (repository top level)", *found))};
    }
  }
  return {fail("no CI configuration found",
               "looked for .github/workflows/*.yml, .gitlab-ci.yml, .circleci/config.yml, "
               "Jenkinsfile, azure-pipelines.yml, bitbucket-pipelines.yml, .drone.yml, "
               ".buildkite/, .woodpecker.yml, .travis.yml, .ci/ and similar")};
}

}  // namespace shipcheck::checks
