// DKR024: COPY --from and RUN --mount from= name an earlier stage or an image. Page:
// docs/rules/DKR024.md
#pragma once

#include "checks/docker/docker_rule.h"

namespace shipcheck::checks {

class DkrStageReferences final : public DockerRule {
 public:
  DkrStageReferences();

 protected:
  void check_file(const infra::DockerfileSource& source, const dockerfile::File& file,
                  std::vector<Result>& out) const override;
  std::string pass_message() const override;
};

}  // namespace shipcheck::checks
