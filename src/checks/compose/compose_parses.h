// CMP001: compose files parse, and `services` is a map of maps. Rule page:
// docs/rules/CMP001.md
#pragma once

#include <vector>

#include "checks/infra_files.h"
#include "core/check.h"

namespace shipcheck::checks::compose {

class ComposeParses final : public Check {
 public:
  ComposeParses();
  std::vector<Result> run(const Context& ctx) const override;
  // One fail per broken file at the error's location, else one pass; skip without files.
  std::vector<Result> check(const std::vector<infra::YamlSource>& files) const;
};

}  // namespace shipcheck::checks::compose
