// HDR003: Framing is denied (X-Frame-Options or frame-ancestors). Rule page: docs/rules/HDR003.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class FrameOptions final : public live::HeaderRule {
 public:
  FrameOptions();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
