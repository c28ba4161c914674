// DKR013: no sudo in RUN, CMD or ENTRYPOINT: the build already runs as whoever USER says,
// and sudo in an image is a ready-made privilege escalation.
#include "checks/docker/no_sudo.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/shell.h"

namespace shipcheck::checks {

DkrNoSudo::DkrNoSudo()
    : DockerRule(RuleInfo{"DKR013", "container", "No sudo in the Dockerfile", Severity::medium,
                          "drop sudo: run the privileged step before `USER app` (or switch with "
                          "`USER root` ... `USER app` around it); for dropping privileges at "
                          "start-up use gosu or su-exec"}) {}

void DkrNoSudo::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                           std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN" && ins.keyword != "CMD" && ins.keyword != "ENTRYPOINT") {
      continue;
    }
    const auto& commands = docker::commands_of(source, ins);
    const auto it = std::find_if(commands.begin(), commands.end(),
                                 [](const docker::Command& c) { return c.sudo; });
    if (it != commands.end()) {
      out.push_back(
          locate(fail(fmt::format("{} uses sudo", ins.keyword), docker::evidence(it->text)), source,
                 file, ins));
    }
  }
}

std::string DkrNoSudo::pass_message() const {
  return "no instruction uses sudo";
}

}  // namespace shipcheck::checks
