// DKR028: `apk add` uses --no-cache, so the package index and the downloaded packages do
// not stay in the layer. A cache mount on /var/cache/apk (or /etc/apk/cache) or removing
// /var/cache/apk in the same RUN does as well. Every stage: a builder's layers are not
// shipped but are cached, pushed with --cache-to and rebuilt on every index change.
#include "checks/docker/apk_no_cache.h"

#include <algorithm>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"

namespace shipcheck::checks {
namespace {

bool is_apk_cache(std::string_view path) {
  return path.rfind("/var/cache/apk", 0) == 0 || path.rfind("/etc/apk/cache", 0) == 0;
}

bool cache_mounted(const dockerfile::Instruction& ins) {
  const auto targets = docker::mount_targets(ins);
  return std::any_of(targets.begin(), targets.end(),
                     [](const std::string& t) { return is_apk_cache(t); });
}

bool cache_removed(const std::vector<docker::Command>& commands) {
  return std::any_of(commands.begin(), commands.end(), [](const docker::Command& c) {
    return c.program() == "rm" && std::any_of(c.words.begin() + 1, c.words.end(),
                                              [](const std::string& w) { return is_apk_cache(w); });
  });
}

}  // namespace

DkrApkNoCache::DkrApkNoCache()
    : DockerRule(RuleInfo{"DKR028", "container", "apk add uses --no-cache", Severity::low,
                          "write `apk add --no-cache <packages>` (it also makes a separate "
                          "`apk update` unnecessary)"}) {}

void DkrApkNoCache::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                               std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN" || cache_mounted(ins)) {
      continue;
    }
    const auto& commands = docker::commands_of(source, ins);
    for (const auto& p : docker::installs_of(source, ins)) {
      if (p.manager == docker::Manager::apk && !p.args.has({"--no-cache"}) &&
          !cache_removed(commands)) {
        out.push_back(locate(fail("apk add without --no-cache keeps the package cache in the "
                                  "image layer",
                                  docker::evidence(p.command->text)),
                             source, file, ins));
        break;
      }
    }
  }
}

std::string DkrApkNoCache::pass_message() const {
  return "every apk add uses --no-cache";
}

}  // namespace shipcheck::checks
