// ENV012: database pool sizes are within bounds. Rule page: docs/rules/ENV012.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class PoolSize final : public Check {
 public:
  PoolSize();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
