// RATE001: a burst of requests gets 429. Rule page: docs/rules/RATE001.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

class RateLimited final : public live::LiveRule {
 public:
  RateLimited();
  // Its burst uses up the client's quota: the auth checks would meet 429s.
  bool runs_last() const override { return true; }

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
