// DKR012: packages installed at pinned versions. Page: docs/rules/DKR012.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrPinnedPackages final : public DockerRule {
 public:
  DkrPinnedPackages();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
