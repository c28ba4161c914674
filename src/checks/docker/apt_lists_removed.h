// DKR010: apt lists removed in the RUN that installs. Page: docs/rules/DKR010.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrAptListsRemoved final : public DockerRule {
 public:
  DkrAptListsRemoved();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
