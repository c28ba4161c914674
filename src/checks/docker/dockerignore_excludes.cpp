// DKR019: the build context of each Dockerfile has a .dockerignore that leaves out
// `.env`, `.env.production` (i.e. `.env*`) and `.git`, so `COPY . .` cannot bake them in.
#include "checks/docker/dockerignore_excludes.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/docker/dockerignore.h"
#include "core/fingerprint.h"

namespace shipcheck::checks {
namespace {

// What must stay out, and the paths that stand for it: `.git` counts as excluded when the
// directory or everything in it is.
struct Required {
  std::string_view name;
  std::vector<std::string_view> paths;
};

const std::vector<Required>& required() {
  static const std::vector<Required> k_required = {
      {".env", {".env"}},
      {".env.production", {".env.production"}},
      {".git", {".git", ".git/HEAD"}},
  };
  return k_required;
}

}  // namespace

DkrDockerignore::DkrDockerignore()
    : DockerRule(RuleInfo{
          "DKR019", "container", ".dockerignore excludes .env files and .git", Severity::high,
          "add a .dockerignore next to the Dockerfile (or at the context root) with at least "
          "`.env*` and `.git` (then re-include a template with `!.env.example` if the image "
          "needs it); otherwise `COPY . .` puts your secrets and history in the image"}) {}

void DkrDockerignore::check_file(const infra::DockerfileSource& source, const dockerfile::File&,
                                 std::vector<Result>& out) const {
  if (!source.dockerignore_path) {
    Result r = fail(fmt::format("no .dockerignore for the build context of {}", source.path));
    out.push_back(infra::at(std::move(r), source.path, 1, 1));
    return;
  }
  const std::string& path = *source.dockerignore_path;
  // Dockerfiles sharing a context share its .dockerignore: judge it once.
  if (std::any_of(out.begin(), out.end(),
                  [&](const Result& r) { return r.location && r.location->file == path; })) {
    return;
  }
  std::vector<std::string_view> missing;
  int line = 0;
  for (const auto& req : required()) {
    bool excluded = false;
    for (const auto& p : req.paths) {
      const auto decision = docker::dockerignore_decision(source.dockerignore_lines, p);
      excluded = excluded || decision.excluded;
      line = !decision.excluded && decision.line > 0 && line == 0 ? decision.line : line;
    }
    if (!excluded) {
      missing.push_back(req.name);
    }
  }
  if (missing.empty()) {
    return;
  }
  Result r = fail(fmt::format("{} does not exclude {}", path, fmt::join(missing, ", ")));
  // On the `!` line that re-includes a file when there is one, else on the first line.
  line = line > 0 ? line : (source.dockerignore_lines.empty() ? 0 : 1);
  r = infra::at(std::move(r), path, line, line > 0 ? 1 : 0);
  r.fingerprint = make_fingerprint(info().id, path, fmt::format("{}", fmt::join(missing, ",")));
  out.push_back(std::move(r));
}

std::string DkrDockerignore::pass_message() const {
  return "the .dockerignore excludes .env* and .git";
}

}  // namespace shipcheck::checks
