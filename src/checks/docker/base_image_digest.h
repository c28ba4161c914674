// DKR003: base images are pinned by digest. Page: docs/rules/DKR003.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrBaseImageDigest final : public DockerRule {
 public:
  DkrBaseImageDigest();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
