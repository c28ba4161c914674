// SMK001 (see smoke.h). The steps run one after another, as the seeds' curl scripts do,
// because a later step reads what an earlier one created. Bodies are never quoted, and
// captured values never shown: a flow may well capture a token.
#include "checks/http/smoke.h"

#include <cctype>
#include <cstdlib>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "checks/context.h"
#include "core/duration.h"
#include "core/text.h"
#include "engines/http/json_assert.h"
#include "engines/secrets/regex.h"

namespace shipcheck::checks {
namespace {

using Captures = std::map<std::string, nlohmann::json>;

constexpr long k_too_many_requests = 429;

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
         c == '~';
}

std::string percent_encoded(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += is_unreserved(c) ? std::string(1, c)
                            : fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

// Replaces each {{name}} by its captured value (percent-encoded for a path).
std::string substituted(std::string_view text, const Captures& captures, bool for_path) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t open = text.find("{{"); open != std::string_view::npos;
       open = text.find("{{", at)) {
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      break;
    }
    const auto it = captures.find(std::string(text.substr(open + 2, close - open - 2)));
    out.append(text.substr(at, open - at));
    if (it == captures.end()) {
      out.append(text.substr(open, close + 2 - open));
    } else {
      const std::string value = text_of(it->second);
      out += for_path ? percent_encoded(value) : value;
    }
    at = close + 2;
  }
  out.append(text.substr(at));
  return out;
}

// In a JSON body a string that is exactly "{{name}}" takes the captured value with its type
// (an id stays a number); other strings get the text substituted.
void substitute_json(nlohmann::json& value, const Captures& captures) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.size() > 4 && text.starts_with("{{") && text.ends_with("}}") &&
        text.find("{{", 2) == std::string::npos) {
      if (const auto it = captures.find(text.substr(2, text.size() - 4)); it != captures.end()) {
        value = it->second;
        return;
      }
    }
    value = substituted(text, captures, false);
    return;
  }
  for (auto& item : value) {
    substitute_json(item, captures);
  }
}

std::string body_of(const SmokeStep& step, const Captures& captures) {
  if (!step.json_body || step.body.find("{{") == std::string::npos) {
    return step.json_body ? step.body : substituted(step.body, captures, false);
  }
  nlohmann::json json = nlohmann::json::parse(step.body, nullptr, false);
  substitute_json(json, captures);
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool has_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (to_lower(key) == name) {
      return true;
    }
  }
  return false;
}

// The request of one step, or why it cannot be sent.
tl::expected<http::Request, std::string> request_for(const Context& ctx, const SmokeStep& step,
                                                     const Captures& captures) {
  http::Request request{step.method,
                        live::url_for(ctx, substituted(step.path, captures, true)),
                        {},
                        body_of(step, captures),
                        false};
  for (const auto& [name, value] : step.headers) {
    const std::string text = substituted(value, captures, false);
    if (text.find_first_of("\r\n") != std::string::npos) {
      return tl::make_unexpected(fmt::format("header {} would hold a line break", name));
    }
    request.headers.push_back(name + ": " + text);
  }
  if (step.json_body && !has_header(step.headers, "content-type")) {
    request.headers.emplace_back("Content-Type: application/json");
  }
  if (step.auth) {
    const std::string& env = ctx.config.auth.token_env;
    const char* token = env.empty() ? nullptr : std::getenv(env.c_str());
    if (token == nullptr || *token == '\0') {
      return tl::make_unexpected(env.empty() ? std::string("auth: true, but auth.token_env is "
                                                           "not configured")
                                             : fmt::format("auth: true, but {} is not set", env));
    }
    request.headers.push_back(fmt::format("Authorization: Bearer {}", token));
  }
  return request;
}

bool status_expected(const SmokeExpect& expect, long status) {
  if (expect.status.empty()) {
    return status >= 200 && status <= 299;
  }
  for (const int code : expect.status) {
    if (code == status) {
      return true;
    }
  }
  return false;
}

std::string expected_status(const SmokeExpect& expect) {
  if (expect.status.empty()) {
    return "2xx";
  }
  return fmt::format("{}", fmt::join(expect.status, " or "));
}

bool matches(const std::string& pattern, std::string_view text) {
  const secrets::Regex regex(pattern);  // validated when shipcheck.yaml was read
  secrets::MatchData data;
  return regex.search(text, data);
}

void check_headers(const SmokeExpect& expect, const http::Response& r,
                   std::vector<std::string>& failures) {
  for (const auto& [name, pattern] : expect.headers) {
    const auto value = r.header(name);
    if (!value) {
      failures.push_back(fmt::format("no {} header", name));
    } else if (!matches(pattern, *value)) {
      failures.push_back(fmt::format("{} does not match /{}/", name, pattern));
    }
  }
}

// The JSON assertions, then the captures, on a body parsed once.
void check_json(const SmokeStep& step, const http::Response& r, Captures& captures,
                std::vector<std::string>& failures) {
  if (step.expect.json.empty() && step.capture.empty()) {
    return;
  }
  const auto json = nlohmann::json::parse(r.body, nullptr, false);
  if (json.is_discarded()) {
    failures.push_back(r.body_truncated ? "the body is over 1 MiB, not read as JSON"
                                        : "the body is not JSON");
    return;
  }
  for (const auto& text : step.expect.json) {
    const auto assertion = http::parse_assertion(text);  // validated at load
    if (!assertion) {
      continue;
    }
    if (const auto outcome = http::evaluate(*assertion, json); !outcome.holds) {
      failures.push_back(fmt::format("{}: got {}", text, outcome.found));
    }
  }
  for (const auto& [name, path_text] : step.capture) {
    const auto path = http::parse_json_path(path_text);
    const nlohmann::json* value = path ? http::resolve(*path, json) : nullptr;
    if (value == nullptr) {
      failures.push_back(fmt::format("nothing to capture as {}: {} is absent", name, path_text));
    } else {
      captures[name] = *value;
    }
  }
}

std::vector<std::string> failures_of(const SmokeStep& step, const http::Response& r,
                                     Captures& captures) {
  std::vector<std::string> failures;
  if (!status_expected(step.expect, r.status)) {
    failures.push_back(
        fmt::format("status {}, expected {}", r.status, expected_status(step.expect)));
  }
  const auto ms = static_cast<long long>(r.seconds * 1000);
  if (const auto budget = parse_duration(step.expect.duration);
      !step.expect.duration.empty() && budget && ms > budget->count()) {
    failures.push_back(fmt::format("took {} ms, more than {}", ms, step.expect.duration));
  }
  check_headers(step.expect, r, failures);
  if (!step.expect.body.empty() && !matches(step.expect.body, r.body)) {
    failures.push_back(fmt::format("the body does not match /{}/", step.expect.body));
  }
  check_json(step, r, captures, failures);
  return failures;
}

}  // namespace

SmokeRequests::SmokeRequests()
    : LiveRule(RuleInfo{"SMK001", "http", "Smoke requests get the expected answers", Severity::high,
                        "fix what the failing step shows, or the step's expect: in shipcheck.yaml "
                        "if the API changed on purpose"}) {}

std::vector<Result> SmokeRequests::check(const Context& ctx) const {
  if (ctx.config.smoke.empty()) {
    return {skip("no smoke requests configured (smoke: in shipcheck.yaml)")};
  }
  const http::Options options = live::options(ctx);  // verified: steps may carry credentials
  Captures captures;
  std::vector<Result> out;
  std::string stopped_at;  // the step after which nothing more is sent
  for (const SmokeStep& step : ctx.config.smoke) {
    const std::string shown = fmt::format("{} {}", step.method, step.path);
    auto at = [&](Result result) {
      result.target = live::url_for(ctx, step.path);
      return result;
    };
    if (!stopped_at.empty()) {
      out.push_back(
          at(skip(fmt::format("{}: not sent, step '{}' did not pass", step.name, stopped_at))));
      continue;
    }
    const auto request = request_for(ctx, step, captures);
    if (!request) {
      out.push_back(at(error(fmt::format("{}: {}", step.name, request.error()))));
      stopped_at = step.name;
      continue;
    }
    const http::Response r = http::fetch(*request, options);
    const auto ms = static_cast<long long>(r.seconds * 1000);
    if (!r.ok()) {
      out.push_back(at(live::certificate_rejected(r)
                           ? skip(fmt::format("{}: not sent, the server's certificate does not "
                                              "verify ({})",
                                              step.name, r.error))
                           : error(fmt::format("{}: {} failed: {}", step.name, shown, r.error))));
      stopped_at = step.name;
      continue;
    }
    if (r.status == k_too_many_requests && !status_expected(step.expect, r.status)) {
      Result limited = at(error(fmt::format("{}: {} answers 429: rate limited", step.name, shown)));
      live::explain_rate_limited(limited, r);
      out.push_back(std::move(limited));
      stopped_at = step.name;
      continue;
    }
    const auto failures = failures_of(step, r, captures);
    const std::string evidence = fmt::format("{} -> {} ({} ms)", shown, r.status, ms);
    if (failures.empty()) {
      out.push_back(at(pass(
          fmt::format("{}: {} answers {} in {} ms", step.name, shown, r.status, ms), evidence)));
    } else {
      out.push_back(
          at(fail(fmt::format("{}: {}", step.name, fmt::join(failures, "; ")), evidence)));
      stopped_at = step.name;
    }
  }
  return out;
}

}  // namespace shipcheck::checks
