// DOC001: a README at the project root with some substance.
// Rule page: docs/rules/DOC001.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class Readme final : public Check {
 public:
  static constexpr std::size_t k_min_lines = 10;
  Readme();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
