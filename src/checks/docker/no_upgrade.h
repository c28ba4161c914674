// DKR021: no apt-get upgrade or dist-upgrade. Page: docs/rules/DKR021.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrNoUpgrade final : public DockerRule {
 public:
  DkrNoUpgrade();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
