// DKR016: the final image's CMD and ENTRYPOINT (the last of each, inherited through
// `FROM <earlier stage>` too) are in exec (JSON) form, so the process is PID 1 and gets
// SIGTERM. A shell form that starts with `exec` passes: the shell replaces itself.
#include "checks/docker/exec_form.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "core/text.h"

namespace shipcheck::checks {

DkrExecForm::DkrExecForm()
    : DockerRule(RuleInfo{
          "DKR016", "container", "CMD and ENTRYPOINT in exec form", Severity::medium,
          "write it as a JSON array: `CMD [\"uvicorn\", \"app.main:app\", \"--host\", "
          "\"0.0.0.0\"]`; in shell form /bin/sh is PID 1, does not forward SIGTERM, and the "
          "app is killed after the stop timeout instead of shutting down cleanly"}) {}

void DkrExecForm::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                             std::vector<Result>& out) const {
  const dockerfile::Instruction* cmd = nullptr;
  const dockerfile::Instruction* entrypoint = nullptr;
  for (const auto* ins : docker::final_image_instructions(file)) {
    if (ins->keyword == "CMD") {
      cmd = ins;
    } else if (ins->keyword == "ENTRYPOINT") {
      entrypoint = ins;
    }
  }
  for (const auto* ins : {entrypoint, cmd}) {
    if (ins == nullptr || ins->exec_form || trim(ins->args).rfind("exec ", 0) == 0) {
      continue;
    }
    out.push_back(locate(fail(fmt::format("{} is in shell form: /bin/sh -c runs as PID 1 and "
                                          "does not pass signals on",
                                          ins->keyword),
                              docker::evidence(*ins)),
                         source, file, *ins));
  }
}

std::string DkrExecForm::pass_message() const {
  return "the final stage's CMD and ENTRYPOINT are in exec form";
}

}  // namespace shipcheck::checks
