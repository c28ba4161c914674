// DKR003: every FROM that names an image pins it by digest (@sha256:...).
#include "checks/docker/base_image_digest.h"

#include <fmt/format.h>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks {

DkrBaseImageDigest::DkrBaseImageDigest()
    : DockerRule(RuleInfo{
          "DKR003", "container", "Base images are pinned by digest", Severity::low,
          "append the digest of the image you tested: `FROM python:3.12-slim@sha256:<digest>` "
          "(`docker buildx imagetools inspect python:3.12-slim` shows it); let Renovate or "
          "Dependabot bump it"}) {}

void DkrBaseImageDigest::check_file(const infra::DockerfileSource& source,
                                    const dockerfile::File& file, std::vector<Result>& out) const {
  for (const auto& base : docker::base_images(file)) {
    if (base.ref.digest.empty()) {
      out.push_back(locate(fail(fmt::format("FROM {} is not pinned by digest", base.image),
                                docker::evidence(*base.from)),
                           source, file, *base.from));
    }
  }
}

std::string DkrBaseImageDigest::pass_message() const {
  return "every base image is pinned by digest";
}

}  // namespace shipcheck::checks
