// DKR027: no MAINTAINER (use LABEL org.opencontainers.image.authors). Page: docs/rules/DKR027.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrNoMaintainer final : public DockerRule {
 public:
  DkrNoMaintainer();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
