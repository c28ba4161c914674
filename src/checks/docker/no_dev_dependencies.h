// DKR020: no dev dependencies in the final stage. Page: docs/rules/DKR020.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrNoDevDependencies final : public DockerRule {
 public:
  DkrNoDevDependencies();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
