// Facts: what the DKR rules derive from a parsed Dockerfile, computed once when the file
// is loaded and shared by every rule: the shell commands of each RUN, CMD and ENTRYPOINT,
// and the variables in scope before each instruction. Deriving them per rule (and the
// variables per instruction, from the stage's start) was two thirds of `scan containers`'
// time on Dockerfiles (bench/containers.sh).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checks/docker/packages.h"
#include "checks/docker/shell.h"
#include "checks/infra_files.h"
#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::checks::docker {

struct Facts {
  // Per instruction (File::instructions' indexes). commands() of a RUN, CMD or ENTRYPOINT;
  // empty for other instructions.
  std::vector<std::vector<Command>> commands;
  // Per instruction: installs() of its commands (pointing into `commands`).
  std::vector<std::vector<PackageCommand>> installs;
  // The variables in scope just before the instruction: for a global ARG, the global ARGs'
  // defaults; in a stage, the ARG defaults and ENV values of its stage chain up to it, in
  // order (ENV inherited from parent stages, ARG not; ENV wins over an ARG of the same
  // name). Variables declared without a value are absent. Instructions between two ARG or
  // ENV share one map.
  std::vector<std::shared_ptr<const std::map<std::string, std::string>>> vars_before;
};

std::shared_ptr<const Facts> analyse(const dockerfile::File& file);

// The facts of instruction `ins` of the parsed `source` (infra::parse_dockerfile attaches
// them; a source built without them is a programming error and throws).
const std::vector<Command>& commands_of(const infra::DockerfileSource& source,
                                        const dockerfile::Instruction& ins);
const std::vector<PackageCommand>& installs_of(const infra::DockerfileSource& source,
                                               const dockerfile::Instruction& ins);
const std::map<std::string, std::string>& vars_before(const infra::DockerfileSource& source,
                                                      const dockerfile::Instruction& ins);

}  // namespace shipcheck::checks::docker
