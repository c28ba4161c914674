// ENV003: secrets are long and random. Rule page: docs/rules/ENV003.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class SecretStrength final : public Check {
 public:
  SecretStrength();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
