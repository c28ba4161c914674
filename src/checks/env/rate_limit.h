// ENV011: rate limiting is enabled. Rule page: docs/rules/ENV011.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class RateLimit final : public Check {
 public:
  RateLimit();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
