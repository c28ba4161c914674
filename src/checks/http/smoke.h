// SMK001: the smoke requests of shipcheck.yaml (`smoke:`) get the answers they expect.
// Rule page: docs/rules/SMK001.md
#pragma once

#include "checks/http/live.h"

namespace shipcheck::checks {

// SMK001: each smoke step, in order, answers as its `expect:` says; values captured from
// one answer feed the next request (create -> read -> delete).
class SmokeRequests final : public live::LiveRule {
 public:
  SmokeRequests();

 protected:
  std::vector<Result> check(const Context& ctx) const override;
};

}  // namespace shipcheck::checks
