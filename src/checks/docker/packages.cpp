// Recognising package-manager commands (packages.h).
#include "checks/docker/packages.h"

#include <algorithm>
#include <initializer_list>

namespace shipcheck::checks::docker {
namespace {

struct Recognised {
  Manager manager;
  std::size_t args_from;  // index of the first word after the program (and `-m pip`)
};

// `name` followed by version digits and dots only: pip, pip3, pip3.12; python3.12.
bool versioned(std::string_view w, std::string_view name) {
  return w.substr(0, name.size()) == name &&
         w.find_first_not_of("0123456789.", name.size()) == std::string_view::npos;
}

bool is_pip(std::string_view w) {
  return versioned(w, "pip");
}

bool is_python(std::string_view w) {
  return versioned(w, "python");
}

std::optional<Recognised> recognise(const Command& c) {
  const auto& w = c.words;
  const std::string_view p = c.program();
  if (p == "apt-get" || p == "apt") {
    return Recognised{Manager::apt, 1};
  }
  if (is_pip(p)) {
    return Recognised{Manager::pip, 1};
  }
  if (is_python(p) && w.size() > 2 && w[1] == "-m" && is_pip(w[2])) {
    return Recognised{Manager::pip, 3};
  }
  static const std::pair<std::string_view, Manager> k_table[] = {
      {"apk", Manager::apk},
      {"gem", Manager::gem},
      {"npm", Manager::npm},
      {"yarn", Manager::yarn},
      {"pnpm", Manager::pnpm},
      {"poetry", Manager::poetry},
      {"pipenv", Manager::pipenv},
      {"composer", Manager::composer},
      {"composer.phar", Manager::composer}};
  for (const auto& [name, manager] : k_table) {
    if (p == name) {
      return Recognised{manager, 1};
    }
  }
  return std::nullopt;
}

// Options that take the next word as their value, per manager (so that the value is not
// read as a package name).
const std::vector<std::string_view>& value_options(Manager m) {
  static const std::vector<std::string_view> k_none;
  switch (m) {
    case Manager::apt: {
      static const std::vector<std::string_view> k_1 = {"-o",
                                                        "-c",
                                                        "-t",
                                                        "-a",
                                                        "-P",
                                                        "--option",
                                                        "--config-file",
                                                        "--target-release",
                                                        "--default-release",
                                                        "--host-architecture",
                                                        "--build-profiles"};
      return k_1;
    }
    case Manager::apk: {
      static const std::vector<std::string_view> k_2 = {
          "-X",     "--repository", "-t",          "--virtual",  "-p",
          "--root", "--arch",       "--cache-dir", "--keys-dir", "--repositories-file"};
      return k_2;
    }
    case Manager::pip: {
      static const std::vector<std::string_view> k_3 = {"-r",
                                                        "--requirement",
                                                        "-c",
                                                        "--constraint",
                                                        "-e",
                                                        "--editable",
                                                        "-i",
                                                        "--index-url",
                                                        "--extra-index-url",
                                                        "-f",
                                                        "--find-links",
                                                        "-t",
                                                        "--target",
                                                        "--prefix",
                                                        "--root",
                                                        "--platform",
                                                        "--python-version",
                                                        "--implementation",
                                                        "--abi",
                                                        "--src",
                                                        "--upgrade-strategy",
                                                        "--progress-bar",
                                                        "--cache-dir",
                                                        "--log",
                                                        "--proxy",
                                                        "--retries",
                                                        "--timeout",
                                                        "--exists-action",
                                                        "--trusted-host",
                                                        "--cert",
                                                        "--client-cert",
                                                        "--report",
                                                        "-C",
                                                        "--config-settings",
                                                        "--global-option",
                                                        "--install-option",
                                                        "--only-binary",
                                                        "--no-binary",
                                                        "--python",
                                                        "--root-user-action"};
      return k_3;
    }
    case Manager::gem: {
      static const std::vector<std::string_view> k_4 = {
          "-v",     "--version",  "-i",          "--install-dir", "-n",         "--bindir",
          "-s",     "--source",   "-p",          "--http-proxy",  "--platform", "-g",
          "--file", "--document", "--build-root"};
      return k_4;
    }
    case Manager::npm: {
      static const std::vector<std::string_view> k_5 = {
          "--omit",     "--include",    "--prefix", "--registry", "--cache", "-w", "--workspace",
          "--loglevel", "--userconfig", "--only",   "--also",     "--tag",   "-C"};
      return k_5;
    }
    case Manager::yarn: {
      static const std::vector<std::string_view> k_6 = {
          "--cwd",          "--modules-folder", "--network-timeout",
          "--cache-folder", "--mutex",          "--registry"};
      return k_6;
    }
    case Manager::pnpm: {
      static const std::vector<std::string_view> k_7 = {"--filter", "-F",         "-C",
                                                        "--dir",    "--reporter", "--store-dir"};
      return k_7;
    }
    case Manager::poetry: {
      static const std::vector<std::string_view> k_8 = {"--only",      "--without", "--with",
                                                        "-E",          "--extras",  "-C",
                                                        "--directory", "-P",        "--project"};
      return k_8;
    }
    case Manager::pipenv: {
      static const std::vector<std::string_view> k_9 = {"--python", "--pypi-mirror",
                                                        "--categories"};
      return k_9;
    }
    case Manager::composer: {
      static const std::vector<std::string_view> k_10 = {"-d", "--working-dir", "--prefer-install"};
      return k_10;
    }
  }
  static const std::vector<std::string_view> k_11 = {};
  return k_11;
}

}  // namespace

std::optional<PackageCommand> package_command(const Command& c) {
  const auto recognised = recognise(c);
  if (!recognised) {
    return std::nullopt;
  }
  PackageCommand p;
  p.manager = recognised->manager;
  p.command = &c;
  p.tool = c.words[recognised->args_from - 1];
  p.args = parse_args(c.words, recognised->args_from, value_options(p.manager));
  if (!p.args.positional.empty()) {
    p.subcommand = p.args.positional.front();
    p.operands.assign(p.args.positional.begin() + 1, p.args.positional.end());
  }
  return p;
}

bool is_install(const PackageCommand& p) {
  const auto sub = [&](std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), p.subcommand) != names.end();
  };
  switch (p.manager) {
    case Manager::apt:
    case Manager::gem:
      return sub({"install"});
    case Manager::apk:
      return sub({"add"});
    case Manager::pip:
      return sub({"install"});
    case Manager::npm:
      return sub({"install", "i", "ci", "add", "isntall", "in"});
    case Manager::yarn:
      return sub({"", "install", "add"});
    case Manager::pnpm:
      return sub({"install", "i", "add"});
    case Manager::poetry:
      return sub({"install", "add"});
    case Manager::pipenv:
      return sub({"install", "sync"});
    case Manager::composer:
      return sub({"", "install", "require"});
  }
  return false;
}

std::vector<PackageCommand> installs(const std::vector<Command>& commands) {
  std::vector<PackageCommand> out;
  for (const auto& c : commands) {
    if (auto p = package_command(c); p && is_install(*p)) {
      out.push_back(std::move(*p));
    }
  }
  return out;
}

}  // namespace shipcheck::checks::docker
