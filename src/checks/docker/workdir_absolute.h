// DKR014: WORKDIR is absolute. Page: docs/rules/DKR014.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrWorkdirAbsolute final : public DockerRule {
 public:
  DkrWorkdirAbsolute();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
