// DKR009: apt-get install (and apt install) with --no-install-recommends, unless an
// earlier RUN of the stage turned recommends off in apt's configuration.
#include "checks/docker/apt_no_recommends.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"

namespace shipcheck::checks {

namespace {

constexpr std::string_view k_config = "APT::Install-Recommends";

bool recommends_off(const docker::PackageCommand& apt) {
  if (apt.args.has({"--no-install-recommends"})) {
    return true;
  }
  for (const auto& value : apt.args.values({"-o", "--option"})) {
    if (value.find("Install-Recommends") != std::string::npos &&
        (value.find("=false") != std::string::npos || value.find("=0") != std::string::npos)) {
      return true;
    }
  }
  return false;
}

}  // namespace

DkrAptNoRecommends::DkrAptNoRecommends()
    : DockerRule(RuleInfo{"DKR009", "container", "apt-get install uses --no-install-recommends",
                          Severity::low,
                          "add --no-install-recommends: `apt-get install -y "
                          "--no-install-recommends curl`; recommended packages add size and "
                          "attack surface nobody asked for"}) {}

void DkrAptNoRecommends::check_file(const infra::DockerfileSource& source,
                                    const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    // Recommends turned off in apt's configuration (apt.conf.d) by this RUN or an earlier one.
    if (ins.keyword != "RUN" || ins.args.find(k_config) != std::string::npos ||
        docker::earlier_mentions(file, ins, "RUN", k_config)) {
      continue;
    }
    for (const auto& p : docker::installs_of(source, ins)) {
      if (p.manager == docker::Manager::apt && !recommends_off(p)) {
        out.push_back(locate(fail(fmt::format("{} install without --no-install-recommends", p.tool),
                                  docker::evidence(p.command->text)),
                             source, file, ins, p.command->text));
      }
    }
  }
}

std::string DkrAptNoRecommends::pass_message() const {
  return "every apt-get install uses --no-install-recommends";
}

}  // namespace shipcheck::checks
