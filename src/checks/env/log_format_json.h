// ENV007: logs are JSON. Rule page: docs/rules/ENV007.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class LogFormatJson final : public Check {
 public:
  LogFormatJson();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
