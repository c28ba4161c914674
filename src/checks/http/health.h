// HLTH001-HLTH003: health, readiness and liveness endpoints. Rule pages:
// docs/rules/HLTH001.md, HLTH002.md, HLTH003.md
#pragma once

#include "checks/http/endpoint_rule.h"

namespace shipcheck::checks {

// HLTH001: the health endpoint answers 2xx in time and its JSON reports healthy: as
// endpoints.health_expect asserts, or by its "status" and false flags when nothing is set.
class HealthEndpoint final : public live::EndpointRule {
 public:
  HealthEndpoint();

 protected:
  std::vector<std::string> body_problems(const Context& ctx,
                                         const http::Response& response) const override;
};

// HLTH002: the readiness endpoint answers 2xx in time.
class ReadinessEndpoint final : public live::EndpointRule {
 public:
  ReadinessEndpoint();
};

// HLTH003: the liveness endpoint answers 2xx in time.
class LivenessEndpoint final : public live::EndpointRule {
 public:
  LivenessEndpoint();
};

}  // namespace shipcheck::checks
