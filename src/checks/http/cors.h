// CORS001-CORS003: what the service's CORS answers let other sites do. Rule pages:
// docs/rules/CORS001.md, CORS002.md, CORS003.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

// CORS001: origins the service does not know are not echoed back (nor `null`, nor look-alikes
// of an allowed origin).
class CorsNoReflection final : public live::LiveRule {
 public:
  CorsNoReflection();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

// CORS002: no `Access-Control-Allow-Origin: *` together with credentials.
class CorsNoWildcardCredentials final : public live::LiveRule {
 public:
  CorsNoWildcardCredentials();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

// CORS003: each configured origin (cors.allowed_origins) is allowed.
class CorsAllowsConfigured final : public live::LiveRule {
 public:
  CorsAllowsConfigured();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
