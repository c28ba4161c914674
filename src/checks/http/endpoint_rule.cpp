// Health-family endpoint checks (see endpoint_rule.h).
#include "checks/http/endpoint_rule.h"

#include <fmt/format.h>

#include "checks/context.h"

namespace shipcheck::checks::live {

EndpointRule::EndpointRule(RuleInfo info, std::function<std::string(const Config&)> path_of,
                           std::string what)
    : LiveRule(std::move(info)), m_path_of(std::move(path_of)), m_what(std::move(what)) {}

std::vector<Result> EndpointRule::check(const Context& ctx) const {
  const std::string path = m_path_of(ctx.config);
  if (path.empty()) {
    return {skip(
        fmt::format("no {} endpoint configured (endpoints.{} in shipcheck.yaml)", m_what, m_what))};
  }
  const std::string url = url_for(ctx, path);
  auto at = [&](Result r) {
    r.target = url;
    return r;
  };
  const http::Response r =
      fetch_unverified(ctx, {http::Request{"GET", url, {}, {}, false}}).front();
  if (!r.ok()) {
    return {at(error(fmt::format("GET {} failed: {}", url, r.error)))};
  }
  const auto took = std::chrono::milliseconds(static_cast<long long>(r.seconds * 1000));
  const std::string body_start = r.body.substr(0, 200);
  const std::string evidence =
      fmt::format("HTTP {} in {} ms: {}", r.status, took.count(), body_start);
  if (r.status < 200 || r.status > 299) {
    return {at(fail(fmt::format("{} endpoint {} answers {}", m_what, path, r.status), evidence))};
  }
  if (took > k_endpoint_budget) {
    return {at(fail(fmt::format("{} endpoint {} took {} ms (budget {} ms)", m_what, path,
                                took.count(), k_endpoint_budget.count()),
                    evidence))};
  }
  if (const auto problems = body_problems(ctx, r); !problems.empty()) {
    return {at(fail(fmt::format("{} endpoint {} answers {} but reports {}", m_what, path, r.status,
                                fmt::join(problems, ", ")),
                    evidence))};
  }
  return {at(
      pass(fmt::format("{} endpoint {} answers {} in {} ms", m_what, path, r.status, took.count()),
           evidence))};
}

}  // namespace shipcheck::checks::live
