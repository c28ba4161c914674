// DKR025: stage names are unique. Page: docs/rules/DKR025.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrUniqueStageNames final : public DockerRule {
 public:
  DkrUniqueStageNames();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
