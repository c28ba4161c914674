// DKR029: a RUN that installs with yum, dnf, microdnf, tdnf or zypper (in any stage)
// also cleans that tool's cache (`yum clean all`, `zypper clean`, or removing
// /var/cache/<tool>) after installing, or keeps the cache in a cache mount. A later RUN
// cannot shrink the layer that already holds the metadata and packages.
#include "checks/docker/rpm_cache_cleaned.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/shell.h"

namespace shipcheck::checks {
namespace {

using Names = std::vector<std::string_view>;

bool one_of(std::string_view word, const Names& names) {
  return std::find(names.begin(), names.end(), word) != names.end();
}

const Names k_dnf_family = {"yum", "dnf", "dnf5", "microdnf", "tdnf"};
const Names k_dnf_installs = {"install",   "in",     "groupinstall", "localinstall",
                              "reinstall", "update", "upgrade",      "distro-sync"};
const Names k_zypper_installs = {"install", "in",    "update",         "up", "dist-upgrade",
                                 "dup",     "patch", "source-install", "si"};
const Names k_with_value = {
    "-c",           "-x",       "--exclude", "--enablerepo", "--disablerepo", "--installroot",
    "--releasever", "--setopt", "-d",        "-e",           "--repo",        "-r",
    "-R",           "--root"};
const Names k_cache_dirs = {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5",
                            "/var/cache/tdnf", "/var/cache/zypp"};

bool is_zypper(std::string_view program) {
  return program == "zypper";
}

std::string subcommand(const docker::Command& c) {
  const auto args = docker::parse_args(c.words, 1, k_with_value);
  if (args.positional.empty()) {
    return {};
  }
  // `dnf group install` / `dnf module install` install too.
  if (args.positional.size() > 1 && args.positional[1] == "install" &&
      one_of(args.positional[0], {"group", "groups", "module"})) {
    return "install";
  }
  return args.positional[0];
}

bool installs(const docker::Command& c) {
  if (one_of(c.program(), k_dnf_family)) {
    return one_of(subcommand(c), k_dnf_installs);
  }
  return is_zypper(c.program()) && one_of(subcommand(c), k_zypper_installs);
}

bool is_cache_dir(std::string_view path) {
  return std::any_of(k_cache_dirs.begin(), k_cache_dirs.end(),
                     [&](std::string_view dir) { return path.rfind(dir, 0) == 0; });
}

// Whether `c` cleans the cache of `installer`'s family.
bool cleans(const docker::Command& c, const docker::Command& installer) {
  if (c.program() == "rm") {
    return std::any_of(c.words.begin() + 1, c.words.end(),
                       [](const std::string& w) { return is_cache_dir(w); });
  }
  const std::string sub = subcommand(c);
  if (is_zypper(installer.program())) {
    return is_zypper(c.program()) && (sub == "clean" || sub == "cc");
  }
  return one_of(c.program(), k_dnf_family) && sub == "clean";
}

bool cache_mounted(const dockerfile::Instruction& ins) {
  const auto targets = docker::mount_targets(ins);
  return std::any_of(targets.begin(), targets.end(),
                     [](const std::string& t) { return is_cache_dir(t); });
}

// The first installing command with no cleaning command after it, if any.
const docker::Command* uncleaned(const std::vector<docker::Command>& commands) {
  for (auto it = commands.begin(); it != commands.end(); ++it) {
    if (!installs(*it)) {
      continue;
    }
    const bool cleaned = std::any_of(it + 1, commands.end(),
                                     [&](const docker::Command& c) { return cleans(c, *it); });
    if (!cleaned) {
      return &*it;
    }
  }
  return nullptr;
}

}  // namespace

DkrRpmCacheCleaned::DkrRpmCacheCleaned()
    : DockerRule(RuleInfo{"DKR029", "container",
                          "yum, dnf, zypper and microdnf installs clean their cache", Severity::low,
                          "end the RUN that installs with `&& yum clean all && rm -rf "
                          "/var/cache/yum` (dnf/microdnf: `dnf clean all`; zypper: `zypper "
                          "clean --all`), or use a cache mount on /var/cache/<tool>"}) {}

void DkrRpmCacheCleaned::check_file(const infra::DockerfileSource& source,
                                    const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN" || cache_mounted(ins)) {
      continue;
    }
    const auto& commands = docker::commands_of(source, ins);
    if (const auto* install = uncleaned(commands)) {
      const std::string clean = is_zypper(install->program())
                                    ? "zypper clean"
                                    : std::string(install->program()) + " clean all";
      out.push_back(locate(fail(fmt::format("{} installs without `{}` in the same RUN: the "
                                            "package cache stays in the image layer",
                                            install->program(), clean),
                                docker::evidence(install->text)),
                           source, file, ins));
    }
  }
}

std::string DkrRpmCacheCleaned::pass_message() const {
  return "every yum, dnf, zypper and microdnf install cleans its cache";
}

}  // namespace shipcheck::checks
