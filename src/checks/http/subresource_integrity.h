// HDR008: Scripts and stylesheets from other hosts carry integrity hashes. Rule page:
// docs/rules/HDR008.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class SubresourceIntegrity final : public live::HeaderRule {
 public:
  SubresourceIntegrity();

 protected:
  std::vector<Result> check(const Context& ctx, const http::Response& response) const override;
};

}  // namespace shipcheck::checks
