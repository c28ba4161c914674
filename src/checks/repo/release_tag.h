// GIT003: HEAD is a release: a tag matching git.release_tag points at it.
// Rule page: docs/rules/GIT003.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class ReleaseTag final : public Check {
 public:
  ReleaseTag();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
