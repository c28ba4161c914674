// DKR007: COPY rather than ADD for local files. Page: docs/rules/DKR007.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrCopyNotAdd final : public DockerRule {
 public:
  DkrCopyNotAdd();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
