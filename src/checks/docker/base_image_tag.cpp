// DKR002: every FROM that names an image has a tag other than `latest` (or a digest).
#include "checks/docker/base_image_tag.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {

DkrBaseImageTag::DkrBaseImageTag()
    : DockerRule(RuleInfo{"DKR002", "container", "Base images have a version tag, not latest",
                          Severity::high,
                          "name the version you tested, e.g. `FROM python:3.12-slim` (better: "
                          "add its digest, see DKR003); `latest` or no tag changes under you"}) {}

void DkrBaseImageTag::check_file(const infra::DockerfileSource& source,
                                 const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& base : docker::base_images(file)) {
    if (!base.ref.digest.empty() || (!base.ref.tag.empty() && base.ref.tag != "latest")) {
      continue;
    }
    const std::string message =
        base.ref.tag.empty() ? fmt::format("FROM {} has no tag, which means :latest", base.image)
                             : fmt::format("FROM {} uses the :latest tag", base.image);
    out.push_back(locate(fail(message, docker::evidence(*base.from)), source, file, *base.from));
  }
}

std::string DkrBaseImageTag::pass_message() const {
  return "every base image names a version tag or a digest";
}

}  // namespace shipcheck::checks
