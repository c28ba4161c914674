// HDR006: Cookies are Secure, HttpOnly and SameSite. Rule page: docs/rules/HDR006.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class CookieFlags final : public live::HeaderRule {
 public:
  CookieFlags();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
