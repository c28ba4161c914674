// DKR029: yum, dnf, zypper and microdnf installs clean their cache. Page: docs/rules/DKR029.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrRpmCacheCleaned final : public DockerRule {
 public:
  DkrRpmCacheCleaned();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
