// DKR002: every FROM that names an image has an explicit tag other than `latest`, digest
// or not: `image:1.4@sha256:...` keeps the version readable and lets update bots bump it
// (the digest itself is DKR003's).
#include "checks/docker/base_image_tag.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {

DkrBaseImageTag::DkrBaseImageTag()
    : DockerRule(RuleInfo{
          "DKR002", "container", "Base images have a version tag, not latest", Severity::high,
          "name the version you tested, e.g. `FROM python:3.12-slim` (and its digest, "
          "see DKR003); `latest` or no tag changes under you, a bare digest "
          "hides the version from readers and update bots"}) {}

void DkrBaseImageTag::check_file(const infra::DockerfileSource& source,
                                 const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& base : docker::base_images(file)) {
    if (!base.ref.tag.empty() && base.ref.tag != "latest") {
      continue;
    }
    const char* why = base.ref.digest.empty() ? ", which means :latest"
                                              : ": the digest alone does not say which version";
    const std::string message = base.ref.tag.empty()
                                    ? fmt::format("FROM {} has no tag{}", base.image, why)
                                    : fmt::format("FROM {} uses the :latest tag", base.image);
    out.push_back(locate(fail(message, docker::evidence(*base.from)), source, file, *base.from));
  }
}

std::string DkrBaseImageTag::pass_message() const {
  return "every base image names a version tag";
}

}  // namespace shipcheck::checks
