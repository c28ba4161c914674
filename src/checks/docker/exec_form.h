// DKR016: CMD and ENTRYPOINT in exec (JSON) form. Page: docs/rules/DKR016.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrExecForm final : public DockerRule {
 public:
  DkrExecForm();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
