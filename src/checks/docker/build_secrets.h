// DKR006: no literal secrets in ENV, ARG or LABEL. Page: docs/rules/DKR006.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrBuildSecrets final : public DockerRule {
 public:
  DkrBuildSecrets();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
