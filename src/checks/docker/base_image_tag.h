// DKR002: base images name a version tag, not latest. Page: docs/rules/DKR002.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrBaseImageTag final : public DockerRule {
 public:
  DkrBaseImageTag();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
