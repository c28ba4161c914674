// DKR008: no ADD of remote URLs without --checksum. Page: docs/rules/DKR008.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrAddRemote final : public DockerRule {
 public:
  DkrAddRemote();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
