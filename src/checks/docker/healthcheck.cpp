// DKR005: the final image has a HEALTHCHECK (its last one, inherited through
// `FROM <earlier stage>` too), and it is not HEALTHCHECK NONE.
#include "checks/docker/healthcheck.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "core/text.h"

namespace shipcheck::checks {

DkrHealthcheck::DkrHealthcheck()
    : DockerRule(RuleInfo{
          "DKR005", "container", "The image has a HEALTHCHECK", Severity::medium,
          "add to the final stage e.g. `HEALTHCHECK --interval=30s --timeout=3s CMD "
          "[\"curl\", \"-fsS\", \"http://127.0.0.1:8000/health\"]` (or a small script when "
          "the image has no curl), so Docker and Compose know when the service is ready"}) {}

void DkrHealthcheck::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                                std::vector<Result>& out) const {
  const auto* final_stage = file.final_stage();
  if (final_stage == nullptr) {
    return;
  }
  const dockerfile::Instruction* health = nullptr;
  for (const auto* ins : docker::final_image_instructions(file)) {
    if (ins->keyword == "HEALTHCHECK") {
      health = ins;
    }
  }
  if (health == nullptr) {
    const auto& from = file.instructions[final_stage->from];
    out.push_back(locate(fail(fmt::format("the final stage ({}) has no HEALTHCHECK",
                                          docker::stage_label(file, final_stage->index)),
                              docker::evidence(from)),
                         source, file, from));
  } else if (iequals(trim(health->args), "none")) {
    out.push_back(locate(fail("HEALTHCHECK NONE disables the health check of the final stage",
                              docker::evidence(*health)),
                         source, file, *health));
  }
}

std::string DkrHealthcheck::pass_message() const {
  return "the final stage has a HEALTHCHECK";
}

}  // namespace shipcheck::checks
