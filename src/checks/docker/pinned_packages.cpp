// DKR012: packages installed at pinned versions where the ecosystem allows it: apt
// `pkg=ver`, apk `pkg=ver`, pip `pkg==ver` (requirement files, local paths, wheels and URLs
// pass), gem `-v ver` or `pkg:ver`, and `npm install -g pkg@ver`.
#include "checks/docker/pinned_packages.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

using docker::Manager;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A file, directory or URL rather than a name from the index: its content is what it is.
bool is_path_or_url(std::string_view w) {
  return w.rfind('.', 0) == 0 || w.rfind('/', 0) == 0 || w.find("://") != std::string::npos ||
         w.rfind("git+", 0) == 0 || w.rfind("file:", 0) == 0 || ends_with(w, ".deb") ||
         ends_with(w, ".apk") || ends_with(w, ".whl") || ends_with(w, ".tar.gz") ||
         ends_with(w, ".zip") || ends_with(w, ".gem") || ends_with(w, ".tgz");
}

bool npm_pinned(std::string_view w) {
  const std::size_t at = w.find('@', 1);  // after a scope's leading '@'
  if (at == std::string::npos) {
    return false;
  }
  const std::string_view version = w.substr(at + 1);
  return !version.empty() && version != "latest" && version != "next";
}

bool operand_pinned(const docker::PackageCommand& p, std::string_view w) {
  if (w.find('$') != std::string::npos || is_path_or_url(w)) {
    return true;  // a variable (the build decides) or not a package name
  }
  switch (p.manager) {
    case Manager::apt:
      return w.find('=') != std::string::npos;
    case Manager::apk:
      return w.find_first_of("=~<>") != std::string::npos;
    case Manager::pip:
      // `pip install --upgrade pip` included: the next pip release changes resolution too.
      return w.find("==") != std::string::npos || w.find('@') != std::string::npos;
    case Manager::gem:
      return p.args.has({"-v", "--version"}) || w.find(':') != std::string::npos;
    case Manager::npm:
      return npm_pinned(w);
    default:
      return true;
  }
}

// The operands that name a package without a version, for the managers this rule covers.
std::vector<std::string> unpinned(const docker::PackageCommand& p) {
  const bool npm_global =
      p.manager == Manager::npm && p.subcommand != "ci" &&
      (p.args.has({"-g", "--global"}) || !p.args.values({"--location"}).empty());
  const bool covered = p.manager == Manager::apt || p.manager == Manager::apk ||
                       p.manager == Manager::pip || p.manager == Manager::gem || npm_global;
  std::vector<std::string> out;
  if (!covered) {
    return out;
  }
  for (const auto& w : p.operands) {
    if (!operand_pinned(p, w)) {
      out.push_back(w);
    }
  }
  return out;
}

}  // namespace

DkrPinnedPackages::DkrPinnedPackages()
    : DockerRule(RuleInfo{
          "DKR012", "container", "Packages installed at pinned versions", Severity::low,
          "pin what you install: apt-get install curl=7.88.1-10+deb12u5, apk add curl=8.5.0-r0, "
          "pip install flask==3.0.2 (or -r requirements.txt with pins), gem install rails -v "
          "7.1.3, npm install -g pm2@5.3.1; the next build otherwise gets whatever is newest"}) {}

void DkrPinnedPackages::check_file(const infra::DockerfileSource& source,
                                   const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN") {
      continue;
    }
    for (const auto& p : docker::installs_of(source, ins)) {
      const auto loose = unpinned(p);
      if (loose.empty()) {
        continue;
      }
      out.push_back(
          locate(fail(fmt::format("{} {} without a pinned version: {}", p.tool, p.subcommand,
                                  docker::evidence(fmt::format("{}", fmt::join(loose, ", ")))),
                      docker::evidence(p.command->text)),
                 source, file, ins, p.command->text));
    }
  }
}

std::string DkrPinnedPackages::pass_message() const {
  return "every installed package names its version";
}

}  // namespace shipcheck::checks
