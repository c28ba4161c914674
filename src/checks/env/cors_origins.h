// ENV008: CORS origins are explicit https origins. Rule page: docs/rules/ENV008.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class CorsOrigins final : public Check {
 public:
  CorsOrigins();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
