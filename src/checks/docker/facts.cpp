// Facts: one pass over the stages for the variables, one split per command instruction.
#include "checks/docker/facts.h"

#include <functional>
#include <stdexcept>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks::docker {
namespace {

using Vars = std::map<std::string, std::string>;

// ARG and ENV of one instruction applied to `args` / `env`, values expanded in the scope
// so far (ENV wins over ARG of the same name, as in BuildKit).
void apply(const dockerfile::Instruction& ins, const Vars& globals, char escape, Vars& args,
           Vars& env) {
  Vars scope = args;
  for (const auto& [k, v] : env) {
    scope[k] = v;
  }
  for (const auto& kv : key_values(ins)) {
    if (ins.keyword == "ENV" && kv.has_value) {
      env[kv.key] = dockerfile::expand(kv.value, scope, escape);
    } else if (ins.keyword == "ARG" && kv.has_value) {
      args[kv.key] = dockerfile::expand(kv.value, scope, escape);
    } else if (ins.keyword == "ARG") {
      // `ARG NAME` inside a stage brings a global ARG's default into scope.
      const auto it = globals.find(kv.key);
      if (it != globals.end() && !it->second.empty()) {
        args[kv.key] = it->second;
      }
    }
  }
}

std::shared_ptr<const Vars> in_scope(const Vars& args, const Vars& env) {
  auto vars = std::make_shared<Vars>(args);
  for (const auto& [k, v] : env) {
    (*vars)[k] = v;
  }
  return vars;
}

bool sets_variables(const dockerfile::Instruction& ins) {
  return ins.keyword == "ARG" || ins.keyword == "ENV";
}

// Stages in file order: a stage's parent is always earlier, so its ENV at the end is known
// by the time a child starts from it.
void fill_variables(const dockerfile::File& file, Facts& facts) {
  const Vars globals = global_variables(file);
  const auto shared_globals = std::make_shared<const Vars>(globals);
  const auto nothing = std::make_shared<const Vars>();
  const std::size_t count = file.instructions.size();
  for (std::size_t i = 0; i < count; ++i) {
    facts.vars_before[i] = file.instructions[i].stage < 0 ? shared_globals : nothing;
  }
  std::vector<Vars> env_at_end(file.stages.size());
  for (std::size_t s = 0; s < file.stages.size(); ++s) {
    const auto& stage = file.stages[s];
    const auto parent = stage.parent_stage;
    Vars env = parent && *parent >= 0 && static_cast<std::size_t>(*parent) < s
                   ? env_at_end[static_cast<std::size_t>(*parent)]
                   : Vars{};
    Vars args;
    const std::size_t end = std::min(stage.end, count);
    auto scope = in_scope(args, env);
    if (stage.from < end) {
      facts.vars_before[stage.from] = scope;
    }
    for (std::size_t i = stage.from + 1; i < end; ++i) {
      facts.vars_before[i] = scope;
      if (sets_variables(file.instructions[i])) {
        apply(file.instructions[i], globals, file.escape, args, env);
        scope = in_scope(args, env);
      }
    }
    env_at_end[s] = std::move(env);
  }
}

bool runs_commands(const dockerfile::Instruction& ins) {
  return ins.keyword == "RUN" || ins.keyword == "CMD" || ins.keyword == "ENTRYPOINT";
}

// Index of `ins` in the source's facts, checked: `ins` must be one of its instructions.
std::size_t checked_index(const infra::DockerfileSource& source,
                          const dockerfile::Instruction& ins) {
  if (!source.file || !source.facts) {
    throw std::logic_error(source.path + ": Dockerfile source without facts");
  }
  const auto& all = source.file->instructions;
  const std::less<const dockerfile::Instruction*> before;
  if (all.empty() || before(&ins, all.data()) || !before(&ins, all.data() + all.size())) {
    throw std::logic_error(source.path + ": instruction of another file");
  }
  return static_cast<std::size_t>(&ins - all.data());
}

}  // namespace

const std::vector<Command>& commands_of(const infra::DockerfileSource& source,
                                        const dockerfile::Instruction& ins) {
  const std::size_t index = checked_index(source, ins);  // before facts is dereferenced
  return source.facts->commands[index];
}

const std::vector<PackageCommand>& installs_of(const infra::DockerfileSource& source,
                                               const dockerfile::Instruction& ins) {
  const std::size_t index = checked_index(source, ins);  // before facts is dereferenced
  return source.facts->installs[index];
}

const std::map<std::string, std::string>& vars_before(const infra::DockerfileSource& source,
                                                      const dockerfile::Instruction& ins) {
  const std::size_t index = checked_index(source, ins);  // before facts is dereferenced
  return *source.facts->vars_before[index];
}

std::shared_ptr<const Facts> analyse(const dockerfile::File& file) {
  auto facts = std::make_shared<Facts>();
  facts->commands.resize(file.instructions.size());
  facts->installs.resize(file.instructions.size());
  facts->vars_before.resize(file.instructions.size());
  for (std::size_t i = 0; i < file.instructions.size(); ++i) {
    if (runs_commands(file.instructions[i])) {
      facts->commands[i] = commands(file.instructions[i]);
      facts->installs[i] = installs(facts->commands[i]);
    }
  }
  fill_variables(file, *facts);
  return facts;
}

}  // namespace shipcheck::checks::docker
