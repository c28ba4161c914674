// Sampler::summary: what the whole window looked like when it passed (the issue's
// "availability %, p95, error rate over the window"), from Prometheus over the window's
// range, or from the first scrape of /metrics and one more at the end. Best effort: a
// service without request metrics gets a summary of its health polls alone.
#include <cmath>

#include <fmt/format.h>

#include "engines/prom/client.h"
#include "engines/prom/series.h"
#include "engines/watch/sampler.h"

namespace shipcheck::watch {
namespace {

std::optional<double> finite(std::optional<double> v) {
  return v && std::isfinite(*v) ? v : std::nullopt;
}

std::optional<double> scalar_of(const std::string& base, const std::string& promql,
                                const prom::ClientOptions& options) {
  auto result = prom::query(base, promql, std::nullopt, options);
  if (!result || result->type != prom::ResultType::vector || result->vector.empty()) {
    return std::nullopt;
  }
  double sum = 0;
  for (const auto& sample : result->vector) {
    sum += sample.point.value;
  }
  return finite(sum);
}

prom::Selector named(const std::string& name, std::vector<prom::LabelMatcher> matchers = {}) {
  return prom::Selector::make(name, std::move(matchers)).value();
}

}  // namespace

WindowSummary Sampler::summary(std::chrono::milliseconds elapsed) {
  WindowSummary out;
  if (!m_options.prometheus.empty()) {
    const auto range =
        fmt::format("{}s", std::max<std::int64_t>(1, (elapsed.count() + 999) / 1000));
    const auto options = prom_options();
    out.requests = scalar_of(m_options.prometheus,
                             fmt::format("sum(increase(http_requests_total[{}]))", range), options);
    const auto errors = scalar_of(
        m_options.prometheus,
        fmt::format("sum(increase(http_requests_total{{status=~\"5..\"}}[{}]))", range), options);
    if (out.requests && *out.requests > 0) {
      out.error_rate = errors.value_or(0) / *out.requests;
    }
    out.p95 = scalar_of(m_options.prometheus,
                        fmt::format("histogram_quantile(0.95, sum by (le) "
                                    "(increase(http_request_duration_seconds_bucket[{}])))",
                                    range),
                        options);
    return out;
  }
  if (!m_first) {
    return out;
  }
  auto last = prom::scrape(m_options.service_url + m_options.metrics_path, prom_options());
  if (!last) {
    return out;
  }
  const auto grown = prom::increases(m_first->samples, last->samples);
  out.requests = named("http_requests_total").sum(grown);
  if (out.requests && *out.requests > 0) {
    out.error_rate = named("http_requests_total", {{"status", prom::MatchOp::regex, "5.."}})
                         .sum(grown)
                         .value_or(0) /
                     *out.requests;
  }
  out.p95 = finite(prom::histogram_quantile(
      0.95, prom::histogram_buckets(grown, named("http_request_duration_seconds"))));
  return out;
}

std::string WindowSummary::text() const {
  std::string out;
  if (requests && *requests > 0) {
    out += fmt::format("{:.0f} requests", *requests);
    if (error_rate) {
      out += fmt::format(", {:.2g}% errors", *error_rate * 100);
    }
  }
  if (p95) {
    out += fmt::format(
        "{}p95 {}", out.empty() ? "" : ", ",
        *p95 >= 1 ? fmt::format("{:.3g}s", *p95) : fmt::format("{:.3g}ms", *p95 * 1000));
  }
  return out;
}

}  // namespace shipcheck::watch
