// AUTH001-AUTH003: protected paths (endpoints.protected) demand a valid token. Rule pages:
// docs/rules/AUTH001.md, AUTH002.md, AUTH003.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

// AUTH001: without a token, every protected path answers 401 or 403.
class AuthRequired final : public live::LiveRule {
 public:
  AuthRequired();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

// AUTH002: malformed, wrongly signed, expired and alg:none tokens are refused.
class ForgedTokensRefused final : public live::LiveRule {
 public:
  ForgedTokensRefused();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

// AUTH003: the valid token from auth.token_env is accepted (2xx).
class ValidTokenAccepted final : public live::LiveRule {
 public:
  ValidTokenAccepted();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
