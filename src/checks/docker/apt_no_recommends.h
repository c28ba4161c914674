// DKR009: apt-get install uses --no-install-recommends. Page: docs/rules/DKR009.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrAptNoRecommends final : public DockerRule {
 public:
  DkrAptNoRecommends();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
