// EXP003: Server and framework versions are not disclosed. Rule page: docs/rules/EXP003.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class NoVersionLeak final : public live::LiveRule {
 public:
  NoVersionLeak();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
