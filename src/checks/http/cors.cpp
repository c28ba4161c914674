// CORS001-CORS003 (see cors.h): a preflight (OPTIONS with Access-Control-Request-Method)
// and a simple GET per origin, as a browser sends them, against the url.
#include "checks/http/cors.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

constexpr std::string_view k_foreign = live::k_foreign_origin;

// The origins no service should allow: a foreign site, `null` (sandboxed iframes, file://),
// and look-alikes of the first allowed origin that a careless suffix or prefix match takes.
std::vector<std::string> hostile_origins(const Config& config) {
  std::vector<std::string> origins = {std::string(k_foreign), "null"};
  const std::string host = config.cors.allowed_origins.empty()
                               ? "example.com"
                               : live::host_of_url(config.cors.allowed_origins[0]);
  origins.push_back(fmt::format("https://{}.evil.example", host));
  origins.push_back(fmt::format("https://evil{}", host));
  return origins;
}

// Responses to a preflight and a simple GET from each origin, in that order.
struct CorsAnswer {
  std::string origin;
  http::Response preflight;
  http::Response simple;
};

std::vector<CorsAnswer> ask(const Context& ctx, const std::vector<std::string>& origins) {
  std::vector<http::Request> requests;
  for (const auto& origin : origins) {
    requests.push_back(http::Request{"OPTIONS",
                                     ctx.config.url,
                                     {"Origin: " + origin, "Access-Control-Request-Method: GET",
                                      "Access-Control-Request-Headers: authorization"},
                                     {},
                                     false});
    requests.push_back(http::Request{"GET", ctx.config.url, {"Origin: " + origin}, {}, false});
  }
  auto responses = live::fetch_unverified(ctx, requests);
  std::vector<CorsAnswer> out;
  for (std::size_t i = 0; i < origins.size(); ++i) {
    out.push_back(
        CorsAnswer{origins[i], std::move(responses[2 * i]), std::move(responses[2 * i + 1])});
  }
  return out;
}

std::string allowed_origin(const http::Response& r) {
  return std::string(trim(r.header("access-control-allow-origin").value_or("")));
}

bool with_credentials(const http::Response& r) {
  return iequals(trim(r.header("access-control-allow-credentials").value_or("")), "true");
}

std::optional<Result> unreachable(const Check& check, const Context& ctx,
                                  const std::vector<CorsAnswer>& answers) {
  for (const auto& a : answers) {
    if (a.preflight.ok() || a.simple.ok()) {
      return std::nullopt;
    }
  }
  return check.make(Status::error, fmt::format("no CORS request to {} got an answer: {}",
                                               ctx.config.url, answers.front().simple.error));
}

}  // namespace

CorsNoReflection::CorsNoReflection()
    : LiveRule(
          RuleInfo{"CORS001", "http", "CORS never reflects foreign origins", Severity::high,
                   "allow a fixed list of origins (FastAPI: CORSMiddleware(allow_origins=[...]) "
                   "without allow_origin_regex='.*'); never echo the Origin header back"}) {}

std::vector<Result> CorsNoReflection::check(const Context& ctx) const {
  const auto answers = ask(ctx, hostile_origins(ctx.config));
  if (auto error = unreachable(*this, ctx, answers)) {
    return {*error};
  }
  std::vector<Result> out;
  for (const auto& a : answers) {
    for (const http::Response* r : {&a.preflight, &a.simple}) {
      if (allowed_origin(*r) == a.origin) {
        out.push_back(
            fail(fmt::format("{} from Origin {} is answered with Access-Control-Allow-Origin: {}{}",
                             r == &a.preflight ? "a preflight" : "a GET", a.origin, a.origin,
                             with_credentials(*r) ? " and credentials" : ""),
                 fmt::format("Access-Control-Allow-Origin: {}", a.origin)));
        break;
      }
    }
  }
  if (!out.empty()) {
    return out;
  }
  return {pass(fmt::format("no foreign origin is allowed ({} tried)", answers.size()))};
}

CorsNoWildcardCredentials::CorsNoWildcardCredentials()
    : LiveRule(RuleInfo{"CORS002", "http", "No wildcard CORS origin with credentials",
                        Severity::high,
                        "list the allowed origins instead of '*' when credentials are allowed"}) {}

std::vector<Result> CorsNoWildcardCredentials::check(const Context& ctx) const {
  const auto answers = ask(ctx, {std::string(k_foreign)});
  if (auto error = unreachable(*this, ctx, answers)) {
    return {*error};
  }
  for (const http::Response* r : {&answers[0].preflight, &answers[0].simple}) {
    if (allowed_origin(*r) == "*" && with_credentials(*r)) {
      return {
          fail("Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: "
               "true",
               "Access-Control-Allow-Origin: *; Access-Control-Allow-Credentials: true")};
    }
  }
  return {pass("no wildcard origin with credentials")};
}

CorsAllowsConfigured::CorsAllowsConfigured()
    : LiveRule(RuleInfo{"CORS003", "http", "CORS allows the configured origins", Severity::medium,
                        "allow exactly the origins in cors.allowed_origins (and the service's "
                        "CORS_ORIGINS)"}) {}

std::vector<Result> CorsAllowsConfigured::check(const Context& ctx) const {
  const auto& origins = ctx.config.cors.allowed_origins;
  if (origins.empty()) {
    return {skip("no allowed origins configured (cors.allowed_origins in shipcheck.yaml)")};
  }
  const auto answers = ask(ctx, origins);
  if (auto error = unreachable(*this, ctx, answers)) {
    return {*error};
  }
  std::vector<Result> out;
  for (const auto& a : answers) {
    const std::string allowed = allowed_origin(a.preflight);
    if (allowed != a.origin && allowed != "*") {
      out.push_back(
          fail(fmt::format("a preflight from the configured origin {} is not allowed", a.origin),
               fmt::format("HTTP {}, Access-Control-Allow-Origin: {}", a.preflight.status,
                           allowed.empty() ? "(none)" : allowed)));
    }
  }
  if (!out.empty()) {
    return out;
  }
  return {pass(fmt::format("{} configured origin(s) allowed: {}", origins.size(),
                           fmt::join(origins, ", ")))};
}

}  // namespace shipcheck::checks
