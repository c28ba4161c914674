// DKR004: the final stage runs as a non-root USER. Page: docs/rules/DKR004.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrNonRootUser final : public DockerRule {
 public:
  DkrNonRootUser();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
