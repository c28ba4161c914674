// DKR022: a RUN with a pipe sets pipefail first. Page: docs/rules/DKR022.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrPipefail final : public DockerRule {
 public:
  DkrPipefail();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
