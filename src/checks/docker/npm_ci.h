// DKR018: npm ci rather than npm install. Page: docs/rules/DKR018.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrNpmCi final : public DockerRule {
 public:
  DkrNpmCi();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
