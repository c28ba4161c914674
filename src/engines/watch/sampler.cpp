#include "engines/watch/sampler.h"

#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "engines/prom/client.h"
#include "engines/prom/series.h"

namespace shipcheck::watch {
namespace {

constexpr std::size_t k_availability_rounds = 60;

prom::ClientOptions client_options(const SourceOptions& options) {
  prom::ClientOptions out;
  out.timeout = options.http.timeout;
  out.ca_file = options.http.ca_file;
  // The service's own /metrics lives where its health endpoint does: the same pinned address.
  out.resolve = options.http.resolve;
  out.bearer_token = options.prometheus_token;
  out.username = options.prometheus_username;
  out.password = options.prometheus_password;
  return out;
}

bool needs_scrape(const Trigger& t) {
  return t.signal == Signal::error_rate || t.signal == Signal::latency_quantile ||
         t.signal == Signal::avg_latency || t.signal == Signal::rps || t.signal == Signal::metric;
}

// The sum of a vector's values, or the scalar; nullopt when the query matched nothing.
std::optional<double> single_value(const prom::QueryResult& result) {
  if (result.type == prom::ResultType::scalar) {
    return result.scalar.value;
  }
  if (result.type != prom::ResultType::vector || result.vector.empty()) {
    return std::nullopt;
  }
  double sum = 0;
  for (const auto& sample : result.vector) {
    sum += sample.point.value;
  }
  return sum;
}

prom::Selector by_name(const std::string& name, std::vector<prom::LabelMatcher> matchers = {}) {
  return prom::Selector::make(name, std::move(matchers)).value();
}

}  // namespace

std::optional<std::string> unsupported(const Trigger& trigger, const SourceOptions& options) {
  if (trigger.signal == Signal::db_connections && options.database_url.empty()) {
    return "db_connections reads Postgres: configure dependencies.postgres (with its url_env "
           "set), or use query(...) with a Prometheus server";
  }
  if (trigger.signal == Signal::query && options.prometheus.empty()) {
    return "query(...) needs watch.prometheus";
  }
  return std::nullopt;
}

std::string promql_for(const Trigger& t, const std::string& rate_window) {
  switch (t.signal) {
    case Signal::error_rate:
      return fmt::format(
          "sum(rate(http_requests_total{{status=~\"5..\"}}[{0}])) / "
          "sum(rate(http_requests_total[{0}]))",
          rate_window);
    case Signal::rps:
      return fmt::format("sum(rate(http_requests_total[{}]))", rate_window);
    case Signal::latency_quantile:
      return fmt::format(
          "histogram_quantile({:g}, sum by (le) (rate(http_request_duration_seconds_bucket[{}])))",
          t.quantile / 100, rate_window);
    case Signal::avg_latency:
      return fmt::format(
          "sum(rate(http_request_duration_seconds_sum[{0}])) / "
          "sum(rate(http_request_duration_seconds_count[{0}]))",
          rate_window);
    case Signal::query:
      return t.source;
    case Signal::metric:
      return fmt::format("sum({})", t.source);
    default:
      return {};
  }
}

constexpr const char* k_db_key = "db_connections";

prom::ClientOptions Sampler::prom_options() const {
  return client_options(m_options);
}

Sampler::Sampler(SourceOptions options) : m_options(std::move(options)) {
  if (!m_options.database_url.empty()) {
    m_database.emplace(m_options.database_url, m_options.http.timeout);
  }
}

void Sampler::sample_database() {
  if (find(k_db_key) != nullptr || !m_database) {
    return;
  }
  Reading reading{k_db_key, std::nullopt, {}};
  if (auto count = m_database->in_use()) {
    reading.value = *count;
  } else {
    reading.why = count.error();
  }
  m_readings.push_back(std::move(reading));
}

std::string Sampler::reading_key(const Trigger& t) const {
  return t.signal == Signal::db_connections ? k_db_key : promql_for(t, m_options.rate_window);
}

const Sampler::Reading* Sampler::find(const std::string& key) const {
  for (const auto& r : m_readings) {
    if (r.key == key) {
      return &r;
    }
  }
  return nullptr;
}

void Sampler::sample_prometheus(const std::string& promql) {
  if (find(promql) != nullptr) {
    return;
  }
  Reading reading{promql, std::nullopt, {}};
  auto result = prom::query(m_options.prometheus, promql, std::nullopt, client_options(m_options));
  if (!result) {
    reading.why = fmt::format("Prometheus: {}", result.error().message);
  } else if (auto v = single_value(*result); v && std::isfinite(*v)) {
    reading.value = v;
  } else {
    reading.why = "no data";
  }
  m_readings.push_back(std::move(reading));
}

void Sampler::scrape() {
  auto scraped =
      prom::scrape(m_options.service_url + m_options.metrics_path, client_options(m_options));
  if (!scraped) {
    m_scrape_error = fmt::format("{}: {}", m_options.metrics_path, scraped.error().message);
    return;
  }
  m_scrape_error.clear();
  m_previous = std::move(m_current);
  m_previous_at = m_current_at;
  m_current = std::move(*scraped);
  m_current_at = std::chrono::steady_clock::now();
  if (!m_first) {
    m_first = m_current;
  }
}

void Sampler::round(const std::vector<Trigger>& triggers) {
  m_readings.clear();
  http::Request request;
  request.url = m_options.service_url + m_options.health_path;
  const auto response = http::fetch_all({request}, m_options.http).front();
  m_up = response.ok() && response.status >= 200 && response.status <= 299;
  ++m_rounds;
  m_healthy += m_up ? 1 : 0;
  m_recent_health.push_back(m_up);
  if (m_recent_health.size() > k_availability_rounds) {
    m_recent_health.pop_front();
  }
  bool scrape_needed = false;
  for (const auto& t : triggers) {
    if (t.signal == Signal::db_connections) {
      sample_database();
    } else if (!m_options.prometheus.empty() && !promql_for(t, m_options.rate_window).empty()) {
      sample_prometheus(promql_for(t, m_options.rate_window));
    } else if (needs_scrape(t)) {
      scrape_needed = true;
    }
  }
  // The first round scrapes in any case (without Prometheus): the window's summary counts
  // from it.
  if (scrape_needed || (m_rounds == 1 && m_options.prometheus.empty())) {
    scrape();
  }
  for (const auto& t : triggers) {
    if (t.signal == Signal::metric && m_selectors.find(t.source) == m_selectors.end()) {
      auto parsed = prom::parse_selector(t.source);
      m_selectors.emplace(t.source, parsed ? std::move(*parsed)
                                           : tl::expected<prom::Selector, std::string>(
                                                 tl::unexpect, parsed.error().message));
    }
  }
}

std::optional<double> Sampler::from_current_scrape(const Trigger& t, std::string& why) const {
  const auto selector = m_selectors.find(t.source);
  if (selector == m_selectors.end() || !selector->second) {
    why = selector == m_selectors.end() ? "not sampled" : selector->second.error();
    return std::nullopt;
  }
  auto value = selector->second->sum(m_current->samples);
  if (!value) {
    why = fmt::format("no series {} in {}", t.source, m_options.metrics_path);
  }
  return value;
}

std::optional<double> Sampler::from_scrapes(const Trigger& t, std::string& why) const {
  if (!m_scrape_error.empty()) {
    why = m_scrape_error;
    return std::nullopt;
  }
  if (t.signal == Signal::metric && m_current) {
    return from_current_scrape(t, why);
  }
  if (!m_previous || !m_current) {
    why = "a rate needs two scrapes";
    return std::nullopt;
  }
  const double seconds = std::chrono::duration<double>(m_current_at - m_previous_at).count();
  const auto& prev = m_previous->samples;
  const auto& cur = m_current->samples;
  const auto all = prom::rate(prev, cur, by_name("http_requests_total"), seconds);
  switch (t.signal) {
    case Signal::rps:
      return all ? all : std::optional<double>(0.0);
    case Signal::error_rate: {
      const auto errors = prom::rate(
          prev, cur, by_name("http_requests_total", {{"status", prom::MatchOp::regex, "5.."}}),
          seconds);
      if (!all || *all <= 0) {
        why = "no requests between the scrapes";
        return std::nullopt;
      }
      return errors.value_or(0.0) / *all;
    }
    case Signal::latency_quantile: {
      auto q = prom::histogram_quantile(
          t.quantile / 100, prom::histogram_buckets(prom::increases(prev, cur),
                                                    by_name("http_request_duration_seconds")));
      if (!q) {
        why = "no requests between the scrapes";
      }
      return q;
    }
    case Signal::avg_latency: {
      const auto sum = prom::rate(prev, cur, by_name("http_request_duration_seconds_sum"), seconds);
      const auto count =
          prom::rate(prev, cur, by_name("http_request_duration_seconds_count"), seconds);
      if (!sum || !count || *count <= 0) {
        why = "no requests between the scrapes";
        return std::nullopt;
      }
      return *sum / *count;
    }
    default:
      why = "not a scraped signal";
      return std::nullopt;
  }
}

std::optional<double> Sampler::value(const Trigger& t) const {
  std::string why;
  if (t.signal == Signal::health) {
    return m_up ? 1.0 : 0.0;
  }
  if (t.signal == Signal::availability) {
    const auto up = std::count(m_recent_health.begin(), m_recent_health.end(), true);
    return m_recent_health.empty()
               ? 0.0
               : static_cast<double>(up) / static_cast<double>(m_recent_health.size());
  }
  if (t.signal == Signal::db_connections || !m_options.prometheus.empty()) {
    const Reading* r = find(reading_key(t));
    return r != nullptr ? r->value : std::nullopt;
  }
  return from_scrapes(t, why);
}

std::string Sampler::why(const Trigger& t) const {
  if (t.signal == Signal::db_connections || !m_options.prometheus.empty()) {
    const Reading* r = find(reading_key(t));
    return r != nullptr ? r->why : "not sampled";
  }
  std::string why;
  (void)from_scrapes(t, why);
  return why;
}

}  // namespace shipcheck::watch
