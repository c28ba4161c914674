// HDR009: HTTP Observatory-style score and grade. Rule page: docs/rules/HDR009.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class ObservatoryScore final : public live::HeaderRule {
 public:
  ObservatoryScore();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
