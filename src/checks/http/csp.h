// HDR002: Content-Security-Policy restricts scripts. Rule page: docs/rules/HDR002.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class CspHeader final : public live::HeaderRule {
 public:
  CspHeader();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
