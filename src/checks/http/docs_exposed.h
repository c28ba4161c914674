// EXP001: API documentation is not served. Rule page: docs/rules/EXP001.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class DocsNotExposed final : public live::LiveRule {
 public:
  DocsNotExposed();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
