// DKR001: the Dockerfile parses. Page: docs/rules/DKR001.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrParses final : public DockerRule {
 public:
  DkrParses();
  // Sees every file, the broken ones included (the only DKR rule that does).
  std::vector<Result> check(const std::vector<infra::DockerfileSource>& files) const override;

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
