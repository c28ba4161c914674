// DKR018: `npm ci` rather than `npm install` with no package names: ci installs exactly
// the lock file and fails when it disagrees with package.json; install may rewrite it.
#include "checks/docker/npm_ci.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"

namespace shipcheck::checks {

DkrNpmCi::DkrNpmCi()
    : DockerRule(RuleInfo{"DKR018", "container", "npm ci rather than npm install", Severity::medium,
                          "copy package.json and package-lock.json, then `RUN npm ci` "
                          "(`npm ci --omit=dev` in the final stage): the build installs exactly "
                          "what the lock file says, or fails"}) {}

void DkrNpmCi::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                          std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN") {
      continue;
    }
    for (const auto& p : docker::installs_of(source, ins)) {
      const bool from_lock = p.operands.empty() && p.subcommand != "ci";
      if (p.manager == docker::Manager::npm && from_lock && !p.args.has({"-g", "--global"})) {
        out.push_back(
            locate(fail(fmt::format("npm {} without package names: use npm ci", p.subcommand),
                        docker::evidence(p.command->text)),
                   source, file, ins, p.command->text));
      }
    }
  }
}

std::string DkrNpmCi::pass_message() const {
  return "dependencies are installed with npm ci, not npm install";
}

}  // namespace shipcheck::checks
