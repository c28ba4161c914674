// DKR017: pip install does not keep pip's download cache in a layer: it uses
// --no-cache-dir, PIP_NO_CACHE_DIR is set, the cache is a cache mount, or the same RUN
// removes it. Every stage, as for DKR010: builder layers live on in the build cache (and
// in --cache-to exports), and any stage can become the base of a later one.
#include "checks/docker/pip_no_cache.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"

namespace shipcheck::checks {
namespace {

bool is_pip_cache(std::string_view path) {
  return path.find(".cache/pip") != std::string_view::npos ||
         (path.size() >= 6 && path.substr(path.size() - 6) == ".cache");
}

// The cache never lands in the layer: a cache or tmpfs mount holds it, or an `rm` drops it.
bool cache_kept_out(const dockerfile::Instruction& ins,
                    const std::vector<docker::Command>& commands) {
  const auto targets = docker::mount_targets(ins);
  if (std::any_of(targets.begin(), targets.end(),
                  [](const std::string& t) { return is_pip_cache(t); })) {
    return true;
  }
  return std::any_of(commands.begin(), commands.end(), [](const docker::Command& c) {
    return c.program() == "rm" && std::any_of(c.words.begin() + 1, c.words.end(),
                                              [](const std::string& w) { return is_pip_cache(w); });
  });
}

}  // namespace

DkrPipNoCache::DkrPipNoCache()
    : DockerRule(RuleInfo{"DKR017", "container", "pip install uses --no-cache-dir", Severity::low,
                          "add --no-cache-dir (`pip install --no-cache-dir -r requirements.txt`), "
                          "set `ENV PIP_NO_CACHE_DIR=1`, or use `RUN "
                          "--mount=type=cache,target=/root/.cache/pip`; the cache is tens of MB "
                          "of wheels nobody will read again"}) {}

void DkrPipNoCache::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                               std::vector<Result>& out) const {
  for (const auto& instruction : file.instructions) {
    const auto* ins = &instruction;
    if (ins->keyword != "RUN") {
      continue;
    }
    const auto& commands = docker::commands_of(source, *ins);
    if (cache_kept_out(*ins, commands)) {
      continue;
    }
    const auto& vars = docker::vars_before(source, *ins);
    for (const auto& p : docker::installs_of(source, *ins)) {
      const bool off = p.args.has({"--no-cache-dir"}) || vars.count("PIP_NO_CACHE_DIR") != 0 ||
                       p.command->env.count("PIP_NO_CACHE_DIR") != 0;
      if (p.manager == docker::Manager::pip && !off) {
        out.push_back(locate(fail(fmt::format("{} install without --no-cache-dir", p.tool),
                                  docker::evidence(p.command->text)),
                             source, file, *ins, p.command->text));
      }
    }
  }
}

std::string DkrPipNoCache::pass_message() const {
  return "no pip install keeps pip's cache";
}

}  // namespace shipcheck::checks
