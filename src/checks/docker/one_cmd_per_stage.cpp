// DKR023: at most one CMD, one ENTRYPOINT and one HEALTHCHECK per stage. Only the last of
// each takes effect, so an earlier one is dead text that reads as if it mattered (often a
// leftover from a merge or a debugging session).
#include "checks/docker/one_cmd_per_stage.h"

#include <array>
#include <string_view>

#include <fmt/format.h>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {
namespace {

constexpr std::array<std::string_view, 3> k_single = {"CMD", "ENTRYPOINT", "HEALTHCHECK"};

}  // namespace

DkrOneCmdPerStage::DkrOneCmdPerStage()
    : DockerRule(RuleInfo{"DKR023", "container",
                          "At most one CMD, ENTRYPOINT and HEALTHCHECK per stage", Severity::low,
                          "keep only the CMD, ENTRYPOINT or HEALTHCHECK that should take effect "
                          "(the last one of the stage) and delete the others"}) {}

void DkrOneCmdPerStage::check_file(const infra::DockerfileSource& source,
                                   const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& stage : file.stages) {
    const auto instructions = file.stage_instructions(stage);
    for (const std::string_view keyword : k_single) {
      const dockerfile::Instruction* last = nullptr;
      for (const auto* ins : instructions) {
        last = ins->keyword == keyword ? ins : last;
      }
      for (const auto* ins : instructions) {
        if (ins->keyword != keyword || ins == last) {
          continue;
        }
        out.push_back(locate(fail(fmt::format("{} is overridden by the {} on line {}: only the "
                                              "last one in a stage takes effect",
                                              keyword, keyword, last->pos.line),
                                  docker::evidence(*ins)),
                             source, file, *ins));
      }
    }
  }
}

std::string DkrOneCmdPerStage::pass_message() const {
  return "no stage has more than one CMD, ENTRYPOINT or HEALTHCHECK";
}

}  // namespace shipcheck::checks
