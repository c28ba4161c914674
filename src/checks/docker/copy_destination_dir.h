// DKR030: COPY and ADD with several sources copy into a directory ending in /. Page:
// docs/rules/DKR030.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrCopyDestinationDir final : public DockerRule {
 public:
  DkrCopyDestinationDir();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
