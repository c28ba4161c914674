// ENV006: the log level is INFO, WARNING or ERROR. Rule page: docs/rules/ENV006.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class LogLevel final : public Check {
 public:
  LogLevel();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
