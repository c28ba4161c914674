// DKR011: apt-get install is non-interactive (-y). Page: docs/rules/DKR011.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrAptNonInteractive final : public DockerRule {
 public:
  DkrAptNonInteractive();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
