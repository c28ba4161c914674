// DKR019: a .dockerignore excludes .env* and .git. Page: docs/rules/DKR019.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrDockerignore final : public DockerRule {
 public:
  DkrDockerignore();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
