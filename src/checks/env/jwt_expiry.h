// ENV010: JWT access tokens expire within the limit. Rule page: docs/rules/ENV010.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class JwtExpiry final : public Check {
 public:
  JwtExpiry();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
