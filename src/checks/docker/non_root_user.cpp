// DKR004: the final stage's effective USER (its last USER, or one inherited through
// `FROM <earlier stage>`) is not root.
#include "checks/docker/non_root_user.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"
#include "checks/docker/facts.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// The last USER of the final image, or nullptr.
const dockerfile::Instruction* last_user(const dockerfile::File& file) {
  const dockerfile::Instruction* user = nullptr;
  for (const auto* ins : docker::final_image_instructions(file)) {
    if (ins->keyword == "USER") {
      user = ins;
    }
  }
  return user;
}

// Distroless and similar images publish a `nonroot` variant whose default user is not
// root (gcr.io/distroless/python3:nonroot).
bool nonroot_base(const dockerfile::File& file) {
  const auto chain = docker::final_chain(file);
  if (chain.empty()) {
    return false;
  }
  const auto ref = dockerfile::parse_image(chain.back()->image);
  return ref.tag.find("nonroot") != std::string::npos;
}

}  // namespace

DkrNonRootUser::DkrNonRootUser()
    : DockerRule(RuleInfo{"DKR004", "container", "The container runs as a non-root user",
                          Severity::high,
                          "create an unprivileged user and switch to it at the end of the final "
                          "stage: `RUN useradd --system --uid 10001 app` then `USER 10001`"}) {}

void DkrNonRootUser::check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                                std::vector<Result>& out) const {
  const auto* final_stage = file.final_stage();
  if (final_stage == nullptr) {
    return;
  }
  const auto& from = file.instructions[final_stage->from];
  const auto* user = last_user(file);
  if (user == nullptr) {
    if (!nonroot_base(file)) {
      out.push_back(locate(fail(fmt::format("the final stage ({}) sets no USER, so the "
                                            "container runs as root",
                                            docker::stage_label(file, final_stage->index)),
                                docker::evidence(from)),
                           source, file, from));
    }
    return;
  }
  const std::string raw(trim(user->args));
  const auto& vars = docker::vars_before(source, *user);
  if (!docker::resolvable(raw, vars, file.escape)) {
    return;  // USER ${APP_UID} without a default: the build decides, we cannot
  }
  const std::string value = dockerfile::expand(raw, vars, file.escape);
  const std::string name(trim(value.substr(0, value.find(':'))));
  if (name == "root" || name == "0" || name.empty()) {
    out.push_back(locate(
        fail(fmt::format("the final stage runs as root (USER {})", raw), docker::evidence(*user)),
        source, file, *user));
  }
}

std::string DkrNonRootUser::pass_message() const {
  return "the final stage runs as a non-root user";
}

}  // namespace shipcheck::checks
