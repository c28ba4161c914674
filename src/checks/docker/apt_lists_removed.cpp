// DKR010: a RUN that runs apt-get install also removes /var/lib/apt/lists (or keeps them
// in a cache mount), so they do not end up in a layer. Every stage: builder layers live on
// in the build cache (and in --cache-to exports), and any stage can become the base of a
// later one.
#include "checks/docker/apt_lists_removed.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"

namespace shipcheck::checks {
namespace {

constexpr std::string_view k_lists = "/var/lib/apt";

bool removes_lists(const std::vector<docker::Command>& commands) {
  return std::any_of(commands.begin(), commands.end(), [](const docker::Command& c) {
    return c.program() == "rm" &&
           std::any_of(c.words.begin() + 1, c.words.end(),
                       [](const std::string& w) { return w.rfind("/var/lib/apt/lists", 0) == 0; });
  });
}

bool lists_in_mount(const dockerfile::Instruction& ins) {
  const auto targets = docker::mount_targets(ins);
  return std::any_of(targets.begin(), targets.end(),
                     [](const std::string& t) { return t.rfind(k_lists, 0) == 0; });
}

}  // namespace

DkrAptListsRemoved::DkrAptListsRemoved()
    : DockerRule(RuleInfo{
          "DKR010", "container", "apt lists removed after apt-get install", Severity::low,
          "end the RUN that installs with `&& rm -rf /var/lib/apt/lists/*`, or use a cache "
          "mount: `RUN --mount=type=cache,target=/var/lib/apt ...`; a later RUN cannot shrink "
          "the layer that already holds them"}) {}

void DkrAptListsRemoved::check_file(const infra::DockerfileSource& source,
                                    const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& instruction : file.instructions) {
    const auto* ins = &instruction;
    if (ins->keyword != "RUN" || lists_in_mount(*ins)) {
      continue;
    }
    const auto& commands = docker::commands_of(source, *ins);
    const auto apt = docker::installs_of(source, *ins);
    const bool installs_apt = std::any_of(
        apt.begin(), apt.end(), [](const auto& p) { return p.manager == docker::Manager::apt; });
    if (installs_apt && !removes_lists(commands)) {
      out.push_back(locate(fail("apt-get install leaves /var/lib/apt/lists in the image layer",
                                docker::evidence(*ins)),
                           source, file, *ins));
    }
  }
}

std::string DkrAptListsRemoved::pass_message() const {
  return "no apt-get install leaves its package lists behind";
}

}  // namespace shipcheck::checks
