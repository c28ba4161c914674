#include "cli/load_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shipcheck::cli {
namespace {

using load::Histogram;

struct Quantile {
  const char* key;  // JSON
  const char* label;
  double p;
};
constexpr Quantile k_quantiles[] = {{"p50", "p50", 50},
                                    {"p90", "p90", 90},
                                    {"p95", "p95", 95},
                                    {"p99", "p99", 99},
                                    {"p999", "p99.9", 99.9}};

// 850us, 12.3ms, 1.24s: three significant digits, like the histogram keeps.
std::string latency_text(std::int64_t us) {
  if (us < 1000) {
    return fmt::format("{}us", us);
  }
  if (us < 1'000'000) {
    return fmt::format("{:.3g}ms", static_cast<double>(us) / 1e3);
  }
  return fmt::format("{:.3g}s", static_cast<double>(us) / 1e6);
}

std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

std::string latency_line(const Histogram& h) {
  std::string line;
  for (const auto& q : k_quantiles) {
    line += fmt::format("{} {}  ", q.label, latency_text(h.percentile(q.p)));
  }
  return line + fmt::format("max {}", latency_text(h.max()));
}

nlohmann::json latency_json(const Histogram& h) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& q : k_quantiles) {
    out[q.key] = static_cast<double>(h.percentile(q.p)) / 1e3;
  }
  out["max"] = static_cast<double>(h.max()) / 1e3;
  return out;
}

std::string model_text(const load::Options& o) {
  const std::string shape =
      o.rate > 0 ? fmt::format("open model, {:g} req/s", o.rate) : fmt::format("closed model");
  return fmt::format("{} for {}s, {} thread{}, {} connection{}", shape,
                     static_cast<double>(o.duration.count()) / 1e3, o.threads,
                     o.threads == 1 ? "" : "s", o.connections, o.connections == 1 ? "" : "s");
}

}  // namespace

double responses_per_second(const load::Outcome& outcome) {
  return outcome.seconds > 0 ? static_cast<double>(outcome.responses) / outcome.seconds : 0.0;
}

std::string load_text(const LoadRun& run) {
  const load::Outcome& o = *run.outcome;
  std::string out = fmt::format("shipcheck load {}: {}\n", run.url, model_text(*run.options));
  out +=
      fmt::format("  requests    {} in {:.1f}s, {:.1f} req/s, {} KiB read\n", grouped(o.attempts()),
                  o.seconds, responses_per_second(o), grouped(o.bytes / 1024));
  if (o.responses > 0) {
    const bool open = run.options->rate > 0;
    out += fmt::format("  latency     {}{}\n", latency_line(o.corrected),
                       open ? "  (from when each request was due)" : "");
    if (open) {
      out += fmt::format("  as sent     {}  (hides stalls: coordinated omission)\n",
                         latency_line(o.uncorrected));
    }
  }
  std::string errors;
  for (std::size_t i = 0; i < load::k_error_classes; ++i) {
    if (o.errors[i] > 0) {
      errors +=
          fmt::format("{}{} {}", errors.empty() ? "" : ", ",
                      load::to_string(static_cast<load::ErrorClass>(i)), grouped(o.errors[i]));
    }
  }
  out += errors.empty()
             ? "  errors      none\n"
             : fmt::format("  errors      {} ({:.2f} % of {})\n", errors,
                           o.attempts() > 0 ? 100.0 * static_cast<double>(o.error_count()) /
                                                  static_cast<double>(o.attempts())
                                            : 0.0,
                           grouped(o.attempts()));
  for (std::size_t i = 0; i < run.thresholds.size(); ++i) {
    out += fmt::format("  {}  {}  ({})\n", run.verdicts[i].passed ? "ok  " : "FAIL",
                       run.thresholds[i].text, run.verdicts[i].observed_text);
  }
  return out;
}

std::string load_json(const LoadRun& run) {
  const load::Outcome& o = *run.outcome;
  nlohmann::json out;
  out["schema"] = "shipcheck.load/v1";
  out["url"] = run.url;
  out["model"] = run.options->rate > 0 ? "open" : "closed";
  out["requests"] = o.attempts();
  out["responses"] = o.responses;
  out["duration_s"] = o.seconds;
  out["rps"] = responses_per_second(o);
  out["bytes"] = o.bytes;
  out["threads"] = run.options->threads;
  out["connections"] = run.options->connections;
  if (run.options->rate > 0) {
    out["rate"] = run.options->rate;
  }
  nlohmann::json errors = nlohmann::json::object();
  for (std::size_t i = 0; i < load::k_error_classes; ++i) {
    errors[load::to_string(static_cast<load::ErrorClass>(i))] = o.errors[i];
  }
  out["errors"] = errors;
  out["latency_ms"] = latency_json(o.corrected);
  out["latency_uncorrected_ms"] = latency_json(o.uncorrected);
  nlohmann::json thresholds = nlohmann::json::array();
  for (std::size_t i = 0; i < run.thresholds.size(); ++i) {
    thresholds.push_back({{"expr", run.thresholds[i].text},
                          {"value", run.verdicts[i].observed},
                          {"ok", run.verdicts[i].passed}});
  }
  out["thresholds"] = thresholds;
  nlohmann::json histogram = nlohmann::json::array();
  for (const auto& b : o.corrected.buckets()) {
    histogram.push_back({{"low_us", b.low}, {"high_us", b.high}, {"count", b.count}});
  }
  out["histogram"] = histogram;
  nlohmann::json seconds = nlohmann::json::array();
  for (const auto& s : o.per_second) {
    seconds.push_back({{"responses", s.responses}, {"errors", s.errors}});
  }
  out["per_second"] = seconds;
  return out.dump(2) + "\n";
}

}  // namespace shipcheck::cli
