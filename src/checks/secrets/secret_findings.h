// SEC001 ... SEC015 in `shipcheck run`: one check class, instantiated once per SEC rule,
// reporting that rule's share of one shared scan of the working tree and git history.
// Rule pages: docs/rules/SEC001.md ... SEC015.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class SecretFindings final : public Check {
 public:
  explicit SecretFindings(const std::string& rule_id);
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
