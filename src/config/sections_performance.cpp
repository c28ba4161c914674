// The performance section of shipcheck.yaml (PERF001): what the load test sends (a path,
// or a weighted mix of requests), at what rate or concurrency, for how long, and the
// thresholds that judge it.
#include <algorithm>
#include <cctype>
#include <limits>

#include <fmt/format.h>

#include "config/sections.h"
#include "engines/load/thresholds.h"

namespace shipcheck::config {
namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

constexpr double k_rate_max = std::numeric_limits<double>::max();

bool is_method_token(std::string_view text) {
  return !text.empty() && text.size() <= 16 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
  });
}

const Shape k_method_token_shape{is_method_token, "an HTTP method in capitals", "e.g. GET, POST"};

// Each threshold is parsed here, so that a typo stops `shipcheck load` with its line and
// column before any traffic is sent, not after the run. The list is read whole first, so
// its size limits apply before any parsing.
void read_thresholds(R& r, const N& node, const P& path, PerformanceConfig& out) {
  r.read(out.thresholds, node, path);
  if (r.failed() || !node.IsSequence()) {
    return;
  }
  for (std::size_t i = 0; i < out.thresholds.size(); ++i) {
    const auto parsed = load::parse_threshold(out.thresholds[i]);
    if (parsed) {
      continue;
    }
    const std::string item_path = fmt::format("{}[{}]", path, i);
    const std::string& raw = node[i].Scalar();
    // The parser quotes what it read; after ${VAR} expansion that may be a variable's value.
    if (raw != out.thresholds[i]) {
      r.fail(node[i],
             fmt::format("'{}': '{}' is not a threshold once expanded", item_path, shown(raw)),
             "e.g. \"p95 < 200ms\", \"error_rate < 1%\", \"rps >= 100\"");
    } else {
      r.fail(node[i], fmt::format("'{}': {}", item_path, parsed.error()));
    }
    return;
  }
}

const std::vector<Field<LoadRequestConfig>> k_mix_fields{
    {"method", [](R& r, const N& n, const P& p,
                  LoadRequestConfig& o) { r.read(o.method, n, p, k_method_token_shape); }},
    {"path", [](R& r, const N& n, const P& p,
                LoadRequestConfig& o) { r.read(o.path, n, p, k_url_path_shape); }},
    {"headers", [](R& r, const N& n, const P& p,
                   LoadRequestConfig& o) { read_headers(r, n, p, o.headers, false); }},
    {"body", [](R& r, const N& n, const P& p, LoadRequestConfig& o) { r.read(o.body, n, p); }},
    {"weight",
     [](R& r, const N& n, const P& p, LoadRequestConfig& o) { r.read(o.weight, n, p, 1, 1000); }},
};

// Each item a request with a path; a weight of its share.
void read_mix(R& r, const N& node, const P& path, PerformanceConfig& out) {
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    LoadRequestConfig request;
    request.pos = pos_of(item);
    if (!r.expect_map(item, item_path)) {
      return;
    }
    read_fields(r, item, item_path, k_mix_fields, request);
    if (!r.failed() && request.path.empty()) {
      r.fail(item, fmt::format("'{}' has no path", item_path),
             "e.g. {path: /api/tasks, weight: 3}");
      return;
    }
    out.mix.push_back(std::move(request));
  });
}

const std::vector<Field<PerformanceConfig>> k_performance_fields{
    {"path", [](R& r, const N& n, const P& p,
                PerformanceConfig& o) { r.read(o.path, n, p, k_url_path_shape); }},
    {"mix", read_mix},
    {"auth", [](R& r, const N& n, const P& p, PerformanceConfig& o) { r.read(o.auth, n, p); }},
    {"rate", [](R& r, const N& n, const P& p,
                PerformanceConfig& o) { r.read(o.rate, n, p, 0.0, k_rate_max); }},
    {"connections", [](R& r, const N& n, const P& p,
                       PerformanceConfig& o) { r.read(o.connections, n, p, 0, k_int_max); }},
    {"duration", [](R& r, const N& n, const P& p,
                    PerformanceConfig& o) { r.read(o.duration, n, p, k_duration_shape); }},
    {"thresholds", read_thresholds},
};

}  // namespace

void read_performance(R& r, const N& node, const P& path, Config& out) {
  out.performance.emplace();
  read_fields(r, node, path, k_performance_fields, *out.performance);
  if (!r.failed() && !out.performance->path.empty() && !out.performance->mix.empty()) {
    r.fail(node, fmt::format("'{}' has both path and mix: keep one", path),
           "a mix lists every request, its path included");
  }
}

}  // namespace shipcheck::config
