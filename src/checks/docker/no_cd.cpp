// DKR026: no `cd` in a RUN's command line: WORKDIR says where the following instructions
// run, once, for every later RUN, COPY, CMD and ENTRYPOINT, and survives edits that split
// or reorder the RUN. The scripts of heredocs (RUN <<EOF) are scripts and left alone.
#include "checks/docker/no_cd.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "checks/docker/shell.h"

namespace shipcheck::checks {
namespace {

// The commands of the RUN's own line: the shell form's script (heredoc bodies excluded)
// or the exec form's command. Without heredocs that is what the facts already hold.
// `scratch` holds the parse when the facts cannot be used.
const std::vector<docker::Command>& line_commands(const infra::DockerfileSource& source,
                                                  const dockerfile::Instruction& ins,
                                                  std::vector<docker::Command>& scratch) {
  if (ins.exec_form || ins.heredocs.empty()) {
    return docker::commands_of(source, ins);
  }
  scratch = docker::parse_script(ins.args);
  return scratch;
}

}  // namespace

DkrNoCd::DkrNoCd()
    : DockerRule(RuleInfo{"DKR026", "container", "No cd in RUN (use WORKDIR)", Severity::low,
                          "replace `RUN cd /dir && cmd` with `WORKDIR /dir` followed by "
                          "`RUN cmd`"}) {}

void DkrNoCd::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                         std::vector<Result>& out) const {
  for (const auto& ins : file.instructions) {
    if (ins.keyword != "RUN") {
      continue;
    }
    std::vector<docker::Command> scratch;
    const auto& commands = line_commands(source, ins, scratch);
    const auto cd = std::find_if(commands.begin(), commands.end(),
                                 [](const docker::Command& c) { return c.program() == "cd"; });
    if (cd != commands.end()) {
      const std::string shown =
          cd->words.size() > 1 ? "cd " + docker::evidence(cd->words[1], 60) : "cd";
      out.push_back(locate(fail(fmt::format("RUN changes directory with `{}`: use WORKDIR", shown),
                                docker::evidence(ins)),
                           source, file, ins));
    }
  }
}

std::string DkrNoCd::pass_message() const {
  return "no RUN changes directory with cd";
}

}  // namespace shipcheck::checks
