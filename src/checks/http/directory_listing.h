// EXP005: No directory listings are served. Rule page: docs/rules/EXP005.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class NoDirectoryListing final : public live::LiveRule {
 public:
  NoDirectoryListing();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
