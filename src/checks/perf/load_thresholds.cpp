// PERF001: the seeds' "p95 < 200ms, p99 < 500ms", "error rate < 1%" and ">100 requests/second
// capacity", measured instead of assumed: the `performance:` section's load (an open-model
// rate, or closed-model connections, for a duration) runs against url + path with the load
// engine, and each threshold becomes one result. Latency is counted from when each request
// was due, so a stall shows.
#include "checks/perf/load_thresholds.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/http/live.h"
#include "config/config.h"
#include "core/duration.h"
#include "engines/load/engine.h"
#include "engines/load/thresholds.h"

namespace shipcheck::checks {
namespace {

// The seeds' most common targets, when the section names none.
const std::vector<std::string> k_default_thresholds = {"p95 < 500ms", "error_rate < 1%"};

constexpr std::chrono::milliseconds k_request_timeout{10'000};

// What the load test sends: the mix, or GET path; with `auth`, each request carries the
// token (never shown) as a bearer token.
tl::expected<std::vector<load::RequestSpec>, std::string> request_specs(
    const Context& ctx, const PerformanceConfig& p) {
  std::vector<load::RequestSpec> specs;
  for (const auto& request : p.mix) {
    load::RequestSpec spec;
    spec.method = request.method;
    spec.path = request.path;
    spec.headers = request.headers;
    spec.body = request.body;
    spec.weight = request.weight;
    specs.push_back(std::move(spec));
  }
  if (specs.empty()) {
    specs.emplace_back();
  }
  if (p.auth) {
    const char* token = ctx.config.auth.token_env.empty()
                            ? nullptr
                            : std::getenv(ctx.config.auth.token_env.c_str());
    if (token == nullptr || *token == '\0') {
      return tl::make_unexpected(
          "performance.auth needs a token: set the variable auth.token_env names");
    }
    for (auto& spec : specs) {
      spec.headers.emplace_back("Authorization", fmt::format("Bearer {}", token));
    }
  }
  return specs;
}

std::string latency(std::int64_t us) {
  return load::format_micros(static_cast<double>(us));
}

// "0" or "250 (connect 250)": the errors by class.
std::string errors_text(const load::Outcome& outcome) {
  std::string classes;
  for (std::size_t i = 0; i < load::k_error_classes; ++i) {
    if (outcome.errors[i] > 0) {
      classes += fmt::format("{}{} {}", classes.empty() ? "" : ", ",
                             load::to_string(static_cast<load::ErrorClass>(i)), outcome.errors[i]);
    }
  }
  return classes.empty() ? "0" : fmt::format("{} ({})", outcome.error_count(), classes);
}

std::string model(const PerformanceConfig& p, const load::Options& o) {
  return p.rate > 0 ? fmt::format("{:g} req/s for {} over {} connections", p.rate, p.duration,
                                  o.connections)
                    : fmt::format("{} connections for {}", o.connections, p.duration);
}

}  // namespace

LoadThresholds::LoadThresholds()
    : Check(RuleInfo{"PERF001", "performance", "Latency and error thresholds hold under load",
                     Severity::high,
                     "find what is slow under load (a query without an index, a pool too small, "
                     "one worker), fix it, or scale out until the thresholds hold"}) {}

std::chrono::milliseconds LoadThresholds::timeout(const Context& ctx,
                                                  std::chrono::milliseconds run_timeout) const {
  if (!ctx.config.performance) {
    return run_timeout;
  }
  const auto duration =
      parse_duration(ctx.config.performance->duration).value_or(std::chrono::milliseconds(10'000));
  return std::max(run_timeout, duration + k_request_timeout + std::chrono::seconds(15));
}

std::vector<Result> LoadThresholds::run(const Context& ctx) const {
  if (!ctx.config.performance) {
    return {skip("no performance: section in shipcheck.yaml")};
  }
  const PerformanceConfig& p = *ctx.config.performance;
  if (ctx.config.url.empty()) {
    return {skip("no url: in shipcheck.yaml to load")};
  }
  if (p.duration.empty() || (p.rate <= 0 && p.connections <= 0)) {
    return {
        error("performance: needs a duration and a rate (or connections): a load test is "
              "never unbounded")};
  }
  const std::string url = load::origin_of(ctx.config.url) + (!p.mix.empty()   ? p.mix.front().path
                                                             : p.path.empty() ? "/"
                                                                              : p.path);
  auto target = load::parse_target(url);
  if (!target) {
    return {error(target.error())};
  }
  const auto address = load::pinned_address(ctx.config.tls.resolve, *target);
  if (!address) {
    return {error(address.error())};
  }
  if (auto resolved = load::resolve_address(*target, address->empty() ? target->host : *address);
      !resolved) {
    return {error(resolved.error())};
  }
  // A service that does not answer at all gets no load test: its duration would be spent
  // counting refused connections, and the live rules already say why.
  if (const http::Response& main = live::main_response(ctx); !main.ok()) {
    return {error(fmt::format("{} did not answer ({}): no load test", ctx.config.url, main.error))};
  }
  auto specs = request_specs(ctx, p);
  if (!specs) {
    return {error(specs.error())};
  }
  load::Options options;
  options.target = *target;
  for (const auto& spec : *specs) {
    options.requests.push_back(load::prepare(*target, spec));
  }
  options.sequence = load::mix_sequence(*specs);
  options.threads = 1;
  options.rate = p.rate;
  options.connections =
      p.connections > 0 ? p.connections : static_cast<int>(std::clamp(p.rate / 10, 1.0, 1000.0));
  options.duration = parse_duration(p.duration).value_or(std::chrono::milliseconds(10'000));
  options.timeout = k_request_timeout;
  if (!ctx.config.tls.ca_file.empty()) {
    options.ca_file = (ctx.root / ctx.config.tls.ca_file).string();
  }
  const load::Outcome outcome = load::run(options);
  if (!outcome.fatal.empty()) {
    return {error(outcome.fatal)};
  }
  const auto& h = outcome.corrected;
  const std::string evidence = fmt::format(
      "{}: {} requests, {} responses, p50 {}, p95 {}, p99 {}, max {}; errors {}", model(p, options),
      outcome.attempts(), outcome.responses, latency(h.percentile(50)), latency(h.percentile(95)),
      latency(h.percentile(99)), latency(h.max()), errors_text(outcome));
  const load::Measured measured{&h, outcome.attempts(), outcome.error_count(), outcome.seconds};
  std::vector<Result> results;
  for (const auto& text : p.thresholds.empty() ? k_default_thresholds : p.thresholds) {
    auto threshold = load::parse_threshold(text);
    if (!threshold) {  // the loader rejects these; a Config built in code may not have been
      results.push_back(error(fmt::format("threshold '{}': {}", text, threshold.error())));
      continue;
    }
    const load::Verdict verdict = load::evaluate(*threshold, measured);
    Result r =
        verdict.passed
            ? pass(fmt::format("{} holds under load ({})", text, verdict.observed_text), evidence)
            : fail(fmt::format("{} is crossed under load ({})", text, verdict.observed_text),
                   evidence);
    r.target = url;
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace shipcheck::checks
