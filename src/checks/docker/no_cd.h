// DKR026: no cd in RUN (use WORKDIR). Page: docs/rules/DKR026.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrNoCd final : public DockerRule {
 public:
  DkrNoCd();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
