// HDR005: Referrer-Policy keeps URLs private. Rule page: docs/rules/HDR005.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class ReferrerPolicy final : public live::HeaderRule {
 public:
  ReferrerPolicy();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
