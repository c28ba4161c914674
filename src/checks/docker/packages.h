// Package-manager commands in RUN instructions (apt-get, apk, pip, gem, npm, yarn, pnpm,
// poetry, pipenv, composer): which manager, which subcommand, its options and operands,
// for the DKR rules on installs (DKR009-DKR012, DKR017, DKR018, DKR020).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "checks/docker/shell.h"

namespace shipcheck::checks::docker {

enum class Manager { apt, apk, pip, gem, npm, yarn, pnpm, poetry, pipenv, composer };

struct PackageCommand {
  Manager manager = Manager::apt;
  std::string tool;  // as invoked: "apt-get", "pip3" (also for `python3 -m pip3`), "npm"
  // "install", "add", "ci", "i", ...; empty for a bare `yarn` or `composer` (= install).
  std::string subcommand;
  std::vector<std::string> operands;  // after the subcommand: packages, paths, specs
  Args args;                          // every option, global ones included
  const Command* command = nullptr;
};

// `c` as a package-manager command (apt-get/apt, apk, pip/pip3/python -m pip, gem, npm,
// yarn, pnpm, poetry, pipenv, composer), or nullopt.
std::optional<PackageCommand> package_command(const Command& c);

// True iff `p` installs packages: apt install, apk add, pip install, gem install,
// npm install/i/ci/add, yarn (bare)/install/add, pnpm install/i/add, poetry install/add,
// pipenv install/sync, composer install/require/(bare).
bool is_install(const PackageCommand& p);

// The package-manager commands of a RUN that install something.
std::vector<PackageCommand> installs(const std::vector<Command>& commands);

}  // namespace shipcheck::checks::docker
