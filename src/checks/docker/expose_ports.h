// DKR015: EXPOSE ports are valid and not SSH. Page: docs/rules/DKR015.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrExposePorts final : public DockerRule {
 public:
  DkrExposePorts();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
