// DKR023: at most one CMD, ENTRYPOINT and HEALTHCHECK per stage. Page: docs/rules/DKR023.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrOneCmdPerStage final : public DockerRule {
 public:
  DkrOneCmdPerStage();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
