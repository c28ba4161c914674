// HDR007: plain HTTP redirects to HTTPS on the same host. Rule page: docs/rules/HDR007.md
#pragma once

#include "core/check.h"

namespace shipcheck::checks {

class HttpsRedirect final : public Check {
 public:
  HttpsRedirect();
  std::vector<Result> run(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
