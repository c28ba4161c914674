// RATE001: a bounded burst at an API path must meet a 429 before it ends. The burst goes in
// waves of k_wave concurrent requests and stops at the first 429, so a service with a limit
// sees only a few more requests than its limit, and one without sees the configured burst
// (rate_limit.requests, 120 by default), never more.
#include "checks/http/rate_limit.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "checks/context.h"
#include "core/duration.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

constexpr std::size_t k_wave = 10;
constexpr std::chrono::seconds k_default_window{10};

// rate_limit.path, else the first protected path (an API route, where limits live), else url.
std::string burst_url(const Context& ctx) {
  const auto& protected_paths = ctx.config.endpoints.protected_paths;
  if (!ctx.config.rate_limit.path.empty()) {
    return live::url_for(ctx, ctx.config.rate_limit.path);
  }
  return protected_paths.empty() ? ctx.config.url : live::url_for(ctx, protected_paths.front());
}

}  // namespace

RateLimited::RateLimited()
    : LiveRule(RuleInfo{"RATE001", "http", "A burst of requests is rate limited (429)",
                        Severity::high,
                        "limit requests per client at the proxy (nginx: limit_req with "
                        "limit_req_status 429) or in the app, and send Retry-After"}) {}

std::vector<Result> RateLimited::check(const Context& ctx) const {
  const std::string url = burst_url(ctx);
  const auto burst = static_cast<std::size_t>(ctx.config.rate_limit.requests);
  const auto window = parse_duration(ctx.config.rate_limit.within).value_or(k_default_window);
  auto at = [&](Result r) {
    r.target = url;
    return r;
  };
  const auto started = std::chrono::steady_clock::now();
  std::size_t sent = 0;
  std::size_t answered = 0;
  std::string last_error;
  while (sent < burst && std::chrono::steady_clock::now() - started < window) {
    const std::vector<http::Request> wave(std::min(k_wave, burst - sent),
                                          http::Request{"GET", url, {}, {}, false});
    const auto responses = live::fetch_unverified(ctx, wave);
    sent += wave.size();
    for (const auto& r : responses) {
      answered += r.ok() ? 1 : 0;
      if (!r.ok()) {
        last_error = r.error;
      }
      if (r.status == 429) {
        // Retry-After tells well-behaved clients when to come back; its absence is only
        // reported, since a 429 alone already stops the burst.
        const std::string retry(trim(r.header("retry-after").value_or("")));
        const std::string after = retry.empty() ? "no Retry-After header" : "Retry-After: " + retry;
        return {at(pass(fmt::format("429 after at most {} requests{}", sent,
                                    retry.empty() ? " (" + after + ")" : ", " + after),
                        "HTTP 429; " + after))};
      }
    }
  }
  if (answered == 0) {
    return {at(error(fmt::format("no request to {} got an answer: {}", url, last_error)))};
  }
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return {at(fail(fmt::format("{} requests in {} ms, none answered 429", sent, took.count()),
                  fmt::format("{} of {} answered", answered, sent)))};
}

}  // namespace shipcheck::checks
