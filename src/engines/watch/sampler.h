// Where the watch's signals come from, one round per interval: the service's health endpoint
// (every round: `unavailable`, availability), PromQL at a Prometheus server, or, without one,
// two successive scrapes of the service's own /metrics (rates, error ratio and percentiles
// from the counters' and the histogram's increases). Built-in signals read the conventional
// names prometheus_client and most frameworks' exporters use: http_requests_total (with a
// `status` label) and http_request_duration_seconds.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "engines/http/client.h"
#include "engines/prom/client.h"
#include "engines/prom/exposition.h"
#include "engines/prom/series.h"
#include "engines/watch/db_source.h"
#include "engines/watch/triggers.h"

namespace shipcheck::watch {

struct SourceOptions {
  std::string service_url;  // scheme://host[:port], where health and /metrics live
  std::string health_path = "/health";
  std::string metrics_path = "/metrics";
  std::string prometheus;           // base URL; empty = scrape metrics_path
  std::string prometheus_token;     // bearer auth at Prometheus; never shown
  std::string prometheus_username;  // basic auth when not empty (and no token)
  std::string prometheus_password;
  // The PromQL range the built-in signals' rates span: a few scrape intervals at least; a
  // wider one is smoother and slower to show a change.
  std::string rate_window = "1m";
  http::Options http;        // ca_file, resolve, timeouts
  std::string database_url;  // db_connections reads this Postgres; empty = not configured
};

// Whether this build can sample `trigger`'s signal from `options` (nullopt), else why not.
std::optional<std::string> unsupported(const Trigger& trigger, const SourceOptions& options);

// The PromQL a built-in signal stands for at a Prometheus server, its rates over
// `rate_window` (a PromQL range: 1m, 90s).
std::string promql_for(const Trigger& trigger, const std::string& rate_window);

// The whole window, when it passed: nullopt where the service has no such metric.
struct WindowSummary {
  std::optional<double> requests;    // answered in the window
  std::optional<double> error_rate;  // 5xx share of them
  std::optional<double> p95;         // seconds
  // "1234 requests, 0.4% errors, p95 120ms", or "" when nothing is known.
  std::string text() const;
};

class Sampler {
 public:
  explicit Sampler(SourceOptions options);

  // One round: the health endpoint, then one scrape or one query per distinct PromQL that
  // `triggers` need. Values are read with value() until the next round.
  void round(const std::vector<Trigger>& triggers);

  // `trigger`'s signal in the last round; nullopt = no data (see why()).
  std::optional<double> value(const Trigger& trigger) const;
  std::string why(const Trigger& trigger) const;

  // Whether the last round's health poll answered 2xx.
  bool up() const { return m_up; }
  // The request metrics over the `elapsed` window (sampler_summary.cpp).
  WindowSummary summary(std::chrono::milliseconds elapsed);

  // Health rounds answered 2xx, and all health rounds, since the start.
  std::int64_t healthy_rounds() const { return m_healthy; }
  std::int64_t rounds() const { return m_rounds; }

 private:
  struct Reading {
    std::string key;
    std::optional<double> value;
    std::string why;
  };
  std::optional<double> from_scrapes(const Trigger& trigger, std::string& why) const;
  std::optional<double> from_current_scrape(const Trigger& trigger, std::string& why) const;
  void sample_prometheus(const std::string& promql);
  void sample_database();
  std::string reading_key(const Trigger& trigger) const;
  void scrape();
  const Reading* find(const std::string& key) const;

  SourceOptions m_options;
  std::vector<Reading> m_readings;
  bool m_up = false;
  std::deque<bool> m_recent_health;  // the last minute of rounds, for availability
  std::int64_t m_healthy = 0;
  std::int64_t m_rounds = 0;
  prom::ClientOptions prom_options() const;
  std::optional<prom::Exposition> m_first;  // the first scrape, for the window's summary
  std::optional<prom::Exposition> m_previous;
  std::optional<prom::Exposition> m_current;
  std::chrono::steady_clock::time_point m_previous_at;
  std::chrono::steady_clock::time_point m_current_at;
  std::string m_scrape_error;
  // metric("...") selectors by their text, parsed once (or why they do not parse).
  std::map<std::string, tl::expected<prom::Selector, std::string>> m_selectors;
  std::optional<DbConnections> m_database;  // set when database_url is
};

}  // namespace shipcheck::watch
