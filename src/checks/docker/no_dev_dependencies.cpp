// DKR020: the final image installs no development dependencies. Builder stages may (tests
// and bundlers need them); the final stage and the stages it builds on (FROM <stage>) may
// not: npm/yarn/pnpm without their production switch or NODE_ENV=production, pip with a dev
// requirements file or [dev] extras, poetry without --only main / --without dev, pipenv
// --dev, composer without --no-dev.
#include "checks/docker/no_dev_dependencies.h"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/packages.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

using docker::Manager;
using Vars = std::map<std::string, std::string>;

std::string var(const Vars& vars, const docker::Command& c, const std::string& name) {
  const auto own = c.env.find(name);
  if (own != c.env.end()) {
    return own->second;
  }
  const auto it = vars.find(name);
  return it == vars.end() ? std::string() : it->second;
}

bool any_contains(const std::vector<std::string>& values, std::string_view needle) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return v.find(needle) != std::string::npos; });
}

bool flag_on(const docker::Args& args, std::initializer_list<std::string_view> names) {
  for (const auto& o : args.options) {
    if (std::find(names.begin(), names.end(), o.name) != names.end() && o.value != "false") {
      return true;
    }
  }
  return false;
}

bool node_production(const docker::PackageCommand& p, const Vars& vars) {
  const auto& c = *p.command;
  return var(vars, c, "NODE_ENV") == "production" ||
         iequals(var(vars, c, "NPM_CONFIG_PRODUCTION"), "true") ||
         var(vars, c, "NPM_CONFIG_OMIT").find("dev") != std::string::npos;
}

bool dev_requirements(const std::string& file) {
  static const std::regex k_dev(
      R"((.*/)?((requirements[-_.]?(dev|test)[^/]*|(dev|test)[-_]requirements[^/]*)\.(txt|in)|requirements/(dev|test)[^/]*))",
      std::regex::icase);
  return std::regex_match(file, k_dev);
}

// Why `p` installs dev dependencies, or "" when it does not.
std::string dev_reason(const docker::PackageCommand& p, const Vars& vars) {
  const auto& a = p.args;
  switch (p.manager) {
    case Manager::npm: {
      const bool from_manifest = p.operands.empty() && !a.has({"-g", "--global"});
      const bool prod = any_contains(a.values({"--omit"}), "dev") || flag_on(a, {"--production"}) ||
                        any_contains(a.values({"--only"}), "prod") || node_production(p, vars);
      return from_manifest && !prod ? "without --omit=dev" : "";
    }
    case Manager::yarn:
      return p.subcommand != "add" && !flag_on(a, {"--production", "--prod"}) &&
                     !node_production(p, vars)
                 ? "without --production"
                 : "";
    case Manager::pnpm:
      return p.subcommand != "add" && !a.has({"--prod", "-P"}) && !node_production(p, vars)
                 ? "without --prod"
                 : "";
    case Manager::pip: {
      for (const auto& file : a.values({"-r", "--requirement"})) {
        if (dev_requirements(file)) {
          return fmt::format("with -r {}", file);
        }
      }
      // `.[dev]`, `app[test]==1.0`, `-e .[dev,docs]`: extras named for development.
      auto specs = a.values({"-e", "--editable"});
      specs.insert(specs.end(), p.operands.begin(), p.operands.end());
      const auto extras = std::find_if(specs.begin(), specs.end(), [](const std::string& w) {
        static const std::regex k_extra(R"(.*\[(.*,)?(dev|test|tests|testing)(,.*)?\].*)");
        return std::regex_match(w, k_extra);
      });
      return extras != specs.end() ? fmt::format("with {}", *extras) : "";
    }
    case Manager::poetry: {
      const auto only = a.values({"--only"});
      const bool main_only = (!only.empty() && !any_contains(only, "dev")) ||
                             any_contains(a.values({"--without"}), "dev") ||
                             a.has({"--no-dev", "--only-root"});
      return p.subcommand == "install" && !main_only ? "without --only main" : "";
    }
    case Manager::pipenv:
      return a.has({"--dev", "-d"}) ? "with --dev" : "";
    case Manager::composer:
      return p.subcommand != "require" && !a.has({"--no-dev"}) &&
                     var(vars, *p.command, "COMPOSER_NO_DEV") != "1"
                 ? "without --no-dev"
                 : "";
    default:
      return "";
  }
}

}  // namespace

DkrNoDevDependencies::DkrNoDevDependencies()
    : DockerRule(RuleInfo{
          "DKR020", "container", "No dev dependencies in the final image", Severity::medium,
          "install only runtime dependencies in the final stage: `npm ci --omit=dev`, "
          "`yarn install --production`, `pip install -r requirements.txt`, `poetry install "
          "--only main`, `composer install --no-dev`; build and test in an earlier stage"}) {}

void DkrNoDevDependencies::check_file(const infra::DockerfileSource& source,
                                      const dockerfile::File& file,
                                      std::vector<Result>& out) const {
  for (const auto* ins : docker::final_image_instructions(file)) {
    if (ins->keyword != "RUN") {
      continue;
    }
    const auto& vars = docker::vars_before(source, *ins);
    for (const auto& p : docker::installs_of(source, *ins)) {
      const std::string reason = dev_reason(p, vars);
      if (reason.empty()) {
        continue;
      }
      const std::string command =
          p.subcommand.empty() ? p.tool : fmt::format("{} {}", p.tool, p.subcommand);
      out.push_back(locate(
          fail(fmt::format("{} {} installs dev dependencies in the final stage", command, reason),
               docker::evidence(p.command->text)),
          source, file, *ins, p.command->text));
    }
  }
}

std::string DkrNoDevDependencies::pass_message() const {
  return "the final stage installs no dev dependencies";
}

}  // namespace shipcheck::checks
