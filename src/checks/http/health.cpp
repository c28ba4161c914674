// HLTH001-HLTH003 (see health.h). A 200 that says "degraded" is what the seeds' curl checks
// miss: HLTH001 reads the JSON body too.
#include "checks/http/health.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/context.h"
#include "core/text.h"
#include "engines/http/json_assert.h"

namespace shipcheck::checks {
namespace {

bool healthy_word(const std::string& value) {
  const std::string word = to_lower(value);
  for (const char* good :
       {"ok", "healthy", "up", "pass", "passing", "alive", "green", "ready", "available"}) {
    if (word == good) {
      return true;
    }
  }
  return false;
}

// What endpoints.health_expect says is wrong with `body`.
std::vector<std::string> failed_assertions(const std::vector<std::string>& assertions,
                                           const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) {
    return {"a body that is not JSON"};
  }
  std::vector<std::string> problems;
  for (const auto& text : assertions) {
    const auto assertion = http::parse_assertion(text);  // validated at load
    if (!assertion) {
      continue;
    }
    if (const auto outcome = http::evaluate(*assertion, json); !outcome.holds) {
      problems.push_back(fmt::format("{} (got {})", text, outcome.found));
    }
  }
  return problems;
}

}  // namespace

HealthEndpoint::HealthEndpoint()
    : EndpointRule(
          RuleInfo{"HLTH001", "http", "Health endpoint reports healthy in time", Severity::critical,
                   "make the health endpoint answer 200 with {\"status\": \"healthy\"} "
                   "when every dependency it checks is up, within a second"},
          [](const Config& c) { return c.endpoints.health; }, "health") {}

std::vector<std::string> HealthEndpoint::body_problems(const Context& ctx,
                                                       const http::Response& response) const {
  const auto& assertions = ctx.config.endpoints.health_expect;
  if (!assertions.empty()) {
    return failed_assertions(assertions, response.body);
  }
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return {};  // a plain "OK" is a healthy answer too
  }
  std::vector<std::string> problems;
  if (const auto it = json.find("status");
      it != json.end() && it->is_string() && !healthy_word(it->get<std::string>())) {
    problems.push_back(fmt::format("status \"{}\"", it->get<std::string>()));
  }
  for (const auto& [key, value] : json.items()) {
    if (value.is_boolean() && !value.get<bool>()) {
      problems.push_back(fmt::format("{}: false", key));
    }
  }
  return problems;
}

ReadinessEndpoint::ReadinessEndpoint()
    : EndpointRule(
          RuleInfo{"HLTH002", "http", "Readiness endpoint answers 2xx", Severity::high,
                   "make the readiness endpoint answer 200 once the service can take "
                   "traffic (database reachable, migrations applied)"},
          [](const Config& c) { return c.endpoints.readiness; }, "readiness") {}

LivenessEndpoint::LivenessEndpoint()
    : EndpointRule(
          RuleInfo{"HLTH003", "http", "Liveness endpoint answers 2xx", Severity::high,
                   "make the liveness endpoint answer 200 while the process runs (no "
                   "dependency checks in it)"},
          [](const Config& c) { return c.endpoints.liveness; }, "liveness") {}

}  // namespace shipcheck::checks
