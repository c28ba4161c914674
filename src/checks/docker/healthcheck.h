// DKR005: the final stage has a HEALTHCHECK. Page: docs/rules/DKR005.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrHealthcheck final : public DockerRule {
 public:
  DkrHealthcheck();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
