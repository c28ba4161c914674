// ENV009: the database URL requires SSL. Rule page: docs/rules/ENV009.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class DatabaseSsl final : public Check {
 public:
  DatabaseSsl();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
