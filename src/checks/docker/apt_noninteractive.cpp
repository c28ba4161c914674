// DKR011: apt-get install (and apt install) answers its own prompts: -y, --yes,
// --assume-yes, -qq (which implies -y) or -o APT::Get::Assume-Yes=true.
#include "checks/docker/apt_noninteractive.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"

namespace shipcheck::checks {
namespace {

bool assumes_yes(const docker::PackageCommand& apt) {
  const auto& o = apt.args.options;
  const auto quiet = std::count_if(o.begin(), o.end(), [](const docker::Option& opt) {
    return opt.name == "-q" || opt.name == "--quiet";
  });
  const auto levels = apt.args.values({"-q", "--quiet"});
  const bool quiet2 = quiet >= 2 || std::any_of(levels.begin(), levels.end(), [](const auto& v) {
                        return !v.empty() && v >= "2";
                      });
  const auto config = apt.args.values({"-o", "--option"});
  const bool option = std::any_of(config.begin(), config.end(), [](const std::string& v) {
    return v.find("Assume-Yes=true") != std::string::npos ||
           v.find("Assume-Yes=1") != std::string::npos;
  });
  return apt.args.has({"-y", "--yes", "--assume-yes"}) || quiet2 || option;
}

}  // namespace

DkrAptNonInteractive::DkrAptNonInteractive()
    : DockerRule(RuleInfo{"DKR011", "container", "apt-get install is non-interactive",
                          Severity::medium,
                          "add -y: `apt-get install -y --no-install-recommends ...`; without it "
                          "apt-get stops at its prompt and the build fails or hangs"}) {}

void DkrAptNonInteractive::check_file(const infra::DockerfileSource& source,
                                      const dockerfile::File& file,
                                      std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN") {
      continue;
    }
    for (const auto& p : docker::installs_of(source, ins)) {
      if (p.manager == docker::Manager::apt && !assumes_yes(p)) {
        out.push_back(locate(
            fail(fmt::format("{} install without -y", p.tool), docker::evidence(p.command->text)),
            source, file, ins, p.command->text));
      }
    }
  }
}

std::string DkrAptNonInteractive::pass_message() const {
  return "every apt-get install runs with -y";
}

}  // namespace shipcheck::checks
