// HDR004: X-Content-Type-Options is nosniff. Rule page: docs/rules/HDR004.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class NoSniff final : public live::HeaderRule {
 public:
  NoSniff();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
