// The health family's shape: GET one configured endpoint, which must answer 2xx within a
// latency budget; a rule may add checks of the body.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "checks/http/live.h"
#include "config/config.h"

namespace shipcheck::checks::live {

class EndpointRule : public LiveRule {
 public:
  // `path_of` picks the endpoint from the config; `what` names it in messages ("health").
  EndpointRule(RuleInfo info, std::function<std::string(const Config&)> path_of, std::string what);

 protected:
  std::vector<Result> check(const Context& ctx) const final;
  // What is wrong with a 2xx body; empty when nothing.
  virtual std::vector<std::string> body_problems(const Context& /*ctx*/,
                                                 const http::Response& /*response*/) const {
    return {};
  }

 private:
  std::function<std::string(const Config&)> m_path_of;
  std::string m_what;
};

inline constexpr std::chrono::milliseconds k_endpoint_budget{1000};

}  // namespace shipcheck::checks::live
