// AUTH001-AUTH003 (see auth.h). The valid token is read from the environment and never
// printed; forged tokens copy its claims (so that a server that skips the signature finds a
// real user in them), or made-up ones when no token is configured.
#include "checks/http/auth.h"

#include <openssl/rand.h>

#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"
#include "engines/http/jwt.h"

namespace shipcheck::checks {
namespace {

bool refused(long status) {
  return status == 401 || status == 403;
}

bool accepted(long status) {
  return status >= 200 && status <= 299;
}

// A 429 says nothing about auth: the rate limiter answered first.
constexpr long k_rate_limited = 429;

std::optional<std::string> valid_token(const Context& ctx) {
  if (ctx.config.auth.token_env.empty()) {
    return std::nullopt;
  }
  const char* value = std::getenv(ctx.config.auth.token_env.c_str());
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

std::optional<Result> no_paths(const Check& check, const Context& ctx) {
  if (ctx.config.endpoints.protected_paths.empty()) {
    return check.make(Status::skip,
                      "no protected paths configured (endpoints.protected in shipcheck.yaml)");
  }
  return std::nullopt;
}

std::string random_key() {
  std::string key(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
    throw std::runtime_error("OpenSSL could not make random bytes");
  }
  return key;
}

struct Forgery {
  const char* what;
  std::string header;  // the Authorization header
};

std::vector<Forgery> forgeries(const Context& ctx) {
  const std::time_t now = std::time(nullptr);
  nlohmann::json claims;
  if (const auto token = valid_token(ctx)) {
    claims = http::jwt_claims(*token);
  }
  if (!claims.is_object()) {
    claims = {{"sub", "shipcheck@example.invalid"}};
  }
  claims["iat"] = now - 60;
  claims["exp"] = now + 3600;
  nlohmann::json expired = claims;
  expired["iat"] = now - 7200;
  expired["exp"] = now - 3600;
  const std::string key = random_key();
  return {
      {"a malformed token", "Authorization: Bearer shipcheck.not-a.jwt"},
      {"an alg:none token", "Authorization: Bearer " + http::jwt_alg_none(claims)},
      {"a token signed with another key", "Authorization: Bearer " + http::jwt_hs256(claims, key)},
      {"an expired token", "Authorization: Bearer " + http::jwt_hs256(expired, key)},
  };
}

}  // namespace

AuthRequired::AuthRequired()
    : LiveRule(RuleInfo{"AUTH001", "http", "Protected paths refuse requests without a token",
                        Severity::critical,
                        "require authentication on every protected route (FastAPI: "
                        "Depends(current_user) on the router, not per route)"}) {}

std::vector<Result> AuthRequired::check(const Context& ctx) const {
  if (auto skipped = no_paths(*this, ctx)) {
    return {*skipped};
  }
  const auto& paths = ctx.config.endpoints.protected_paths;
  std::vector<http::Request> requests;
  for (const auto& path : paths) {
    requests.push_back(http::Request{"GET", live::url_for(ctx, path), {}, {}, false});
  }
  const auto responses = live::fetch_unverified(ctx, requests);
  std::vector<Result> out;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const http::Response& r = responses[i];
    Result result = !r.ok() ? error(fmt::format("GET {} failed: {}", requests[i].url, r.error))
                    : r.status == k_rate_limited
                        ? error(fmt::format("{} answers 429: rate limited before auth", paths[i]))
                    : refused(r.status)
                        ? pass(fmt::format("{} answers {} without a token", paths[i], r.status))
                        : fail(fmt::format("{} answers {} without a token", paths[i], r.status),
                               fmt::format("GET {} -> {}", requests[i].url, r.status));
    result.target = requests[i].url;
    if (r.ok() && r.status == k_rate_limited) {
      live::explain_rate_limited(result, r);
    }
    out.push_back(std::move(result));
  }
  return out;
}

ForgedTokensRefused::ForgedTokensRefused()
    : LiveRule(RuleInfo{"AUTH002", "http", "Forged and expired tokens are refused",
                        Severity::critical,
                        "verify every token's signature with a pinned algorithm list (PyJWT: "
                        "jwt.decode(token, key, algorithms=[\"HS256\"])) and its exp"}) {}

std::vector<Result> ForgedTokensRefused::check(const Context& ctx) const {
  if (auto skipped = no_paths(*this, ctx)) {
    return {*skipped};
  }
  const std::string url = live::url_for(ctx, ctx.config.endpoints.protected_paths.front());
  const auto forged = forgeries(ctx);
  std::vector<http::Request> requests;
  for (const auto& f : forged) {
    requests.push_back(http::Request{"GET", url, {f.header}, {}, false});
  }
  const auto responses = live::fetch_unverified(ctx, requests);
  std::vector<Result> out;
  std::size_t answered = 0;
  for (std::size_t i = 0; i < forged.size(); ++i) {
    const http::Response& r = responses[i];
    answered += r.ok() && r.status != k_rate_limited ? 1 : 0;
    if (r.ok() && accepted(r.status)) {
      Result result = fail(fmt::format("{} is accepted at {} (HTTP {})", forged[i].what,
                                       ctx.config.endpoints.protected_paths.front(), r.status));
      result.target = url;
      out.push_back(std::move(result));
    }
  }
  if (!out.empty()) {
    return out;
  }
  if (answered < forged.size()) {
    const http::Response& r = responses.front();
    Result inconclusive =
        error(r.ok() ? fmt::format("GET {} answers {}: rate limited before auth", url, r.status)
                     : fmt::format("GET {} failed: {}", url, r.error));
    if (r.ok()) {
      live::explain_rate_limited(inconclusive, r);
    }
    return {inconclusive};
  }
  Result ok =
      pass(fmt::format("{} refuses a malformed, an alg:none, a wrongly signed and an "
                       "expired token",
                       ctx.config.endpoints.protected_paths.front()));
  ok.target = url;
  return {ok};
}

ValidTokenAccepted::ValidTokenAccepted()
    : LiveRule(RuleInfo{"AUTH003", "http", "A valid token is accepted", Severity::high,
                        "check that the token in auth.token_env is current and its user exists"}) {}

std::vector<Result> ValidTokenAccepted::check(const Context& ctx) const {
  if (auto skipped = no_paths(*this, ctx)) {
    return {*skipped};
  }
  const auto token = valid_token(ctx);
  if (!token) {
    return {skip(ctx.config.auth.token_env.empty()
                     ? std::string("no token configured (auth.token_env in shipcheck.yaml)")
                     : fmt::format("{} is not set", ctx.config.auth.token_env))};
  }
  const std::string url = live::url_for(ctx, ctx.config.endpoints.protected_paths.front());
  // A real credential: sent only over a verified connection.
  const http::Response r =
      http::fetch(http::Request{"GET", url, {"Authorization: Bearer " + *token}, {}, false},
                  live::options(ctx));
  auto at = [&](Result result) {
    result.target = url;
    return result;
  };
  if (!r.ok()) {
    if (live::certificate_rejected(r)) {
      return {
          at(skip(fmt::format("the token is not sent: the server's certificate does not "
                              "verify ({})",
                              r.error)))};
    }
    return {at(error(fmt::format("GET {} failed: {}", url, r.error)))};
  }
  if (r.status == k_rate_limited) {
    Result inconclusive =
        at(error(fmt::format("GET {} answers 429: rate limited before auth", url)));
    live::explain_rate_limited(inconclusive, r);
    return {inconclusive};
  }
  if (r.status < 200 || r.status > 299) {
    return {at(
        fail(fmt::format("the token in {} is refused ({})", ctx.config.auth.token_env, r.status)))};
  }
  return {at(
      pass(fmt::format("the token in {} is accepted ({})", ctx.config.auth.token_env, r.status)))};
}

}  // namespace shipcheck::checks
