// DKR017: pip install uses --no-cache-dir. Page: docs/rules/DKR017.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrPipNoCache final : public DockerRule {
 public:
  DkrPipNoCache();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
