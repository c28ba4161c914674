// DKR028: apk add uses --no-cache. Page: docs/rules/DKR028.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrApkNoCache final : public DockerRule {
 public:
  DkrApkNoCache();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
