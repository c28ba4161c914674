// HDR001: HSTS header with max-age >= 6 months. Rule page: docs/rules/HDR001.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class HstsHeader final : public live::HeaderRule {
 public:
  HstsHeader();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
