// DKR021: no upgrade of every installed package (apt-get upgrade / dist-upgrade, apk
// upgrade, yum/dnf update, zypper update). What it installs depends on the day of the
// build, not on the Dockerfile; security fixes come with a newer, pinned base image.
#include "checks/docker/no_upgrade.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/shell.h"

namespace shipcheck::checks {
namespace {

struct Tool {
  std::string_view program;
  std::vector<std::string_view> upgrades;    // subcommands that upgrade everything
  std::vector<std::string_view> with_value;  // options that take the next word
  bool all_even_with_operands = false;       // apt-get upgrade ignores named packages
};

const std::vector<Tool>& tools() {
  static const std::vector<Tool> k_tools = {
      {"apt-get", {"upgrade", "dist-upgrade", "full-upgrade"}, {"-o", "-c", "-t"}, true},
      {"apt", {"upgrade", "dist-upgrade", "full-upgrade"}, {"-o", "-c", "-t"}, true},
      {"apk", {"upgrade"}, {"-X", "--repository", "-p", "--root", "--arch"}, false},
      {"yum",
       {"update", "upgrade", "distro-sync"},
       {"-c", "-x", "--exclude", "--enablerepo", "--disablerepo", "--installroot", "--releasever"},
       false},
      {"dnf",
       {"update", "upgrade", "distro-sync"},
       {"-c", "-x", "--exclude", "--enablerepo", "--disablerepo", "--installroot", "--releasever"},
       false},
      {"microdnf", {"update", "upgrade"}, {"--enablerepo", "--disablerepo"}, false},
      {"zypper", {"update", "up", "dist-upgrade", "dup", "patch"}, {"-r", "--repo"}, false},
  };
  return k_tools;
}

// "apt-get upgrade" when `c` upgrades every installed package, else nullopt.
std::optional<std::string> upgrade_of(const docker::Command& c) {
  for (const Tool& tool : tools()) {
    if (c.program() != tool.program) {
      continue;
    }
    const auto args = docker::parse_args(c.words, 1, tool.with_value);
    if (args.positional.empty()) {
      return std::nullopt;
    }
    const std::string& sub = args.positional.front();
    const bool upgrades =
        std::find(tool.upgrades.begin(), tool.upgrades.end(), sub) != tool.upgrades.end();
    if (upgrades && (tool.all_even_with_operands || args.positional.size() == 1)) {
      return fmt::format("{} {}", tool.program, sub);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

DkrNoUpgrade::DkrNoUpgrade()
    : DockerRule(RuleInfo{"DKR021", "container", "No apt-get upgrade or dist-upgrade",
                          Severity::low,
                          "drop the upgrade and take a newer (pinned) base image instead; to "
                          "patch one package, install its fixed version explicitly"}) {}

void DkrNoUpgrade::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                              std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN") {
      continue;
    }
    for (const auto& command : docker::commands_of(source, ins)) {
      if (const auto upgrade = upgrade_of(command)) {
        out.push_back(locate(fail(fmt::format("{} upgrades every package to whatever is current "
                                              "when the image is built",
                                              *upgrade),
                                  docker::evidence(command.text)),
                             source, file, ins, *upgrade));
        break;
      }
    }
  }
}

std::string DkrNoUpgrade::pass_message() const {
  return "no RUN upgrades all installed packages";
}

}  // namespace shipcheck::checks
