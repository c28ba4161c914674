// DKR025: stage names are unique. With two stages called `build`, BuildKit silently binds
// `COPY --from=build` and `FROM build` to the later one, so the image is built from a
// stage the reader did not mean.
#include "checks/docker/unique_stage_names.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {

DkrUniqueStageNames::DkrUniqueStageNames()
    : DockerRule(RuleInfo{"DKR025", "container", "Build stage names are unique", Severity::high,
                          "give every `FROM ... AS <name>` its own name (for example "
                          "`build-api` and `build-web`) and update the `--from=` references"}) {}

void DkrUniqueStageNames::check_file(const infra::DockerfileSource& source,
                                     const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& stage : file.stages) {
    if (stage.name.empty()) {
      continue;
    }
    for (const auto& earlier : file.stages) {
      if (earlier.index >= stage.index) {
        break;
      }
      if (earlier.name == stage.name) {
        const auto& from = file.instructions[stage.from];
        const int line = file.instructions[earlier.from].pos.line;
        out.push_back(locate(fail(fmt::format("stage name '{}' is already used by the stage on "
                                              "line {}",
                                              stage.name, line),
                                  docker::evidence(from)),
                             source, file, from));
        break;
      }
    }
  }
}

std::string DkrUniqueStageNames::pass_message() const {
  return "every build stage name is unique";
}

}  // namespace shipcheck::checks
