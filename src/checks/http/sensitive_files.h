// EXP002: No repository, env or status files are served. Rule page: docs/rules/EXP002.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class SensitiveFilesHidden final : public live::LiveRule {
 public:
  SensitiveFilesHidden();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
