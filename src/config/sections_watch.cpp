// shipcheck.yaml's watch section: the window, the sources (Prometheus and its auth, the
// rate window), the rollback triggers (each parsed here, so that a bad one is reported with
// its line and column), the success criterion, capacities and baselines.
#include <fmt/format.h>

#include "config/sections.h"
#include "config/values.h"
#include "engines/prom/series.h"
#include "engines/watch/triggers.h"

namespace shipcheck::config {
namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

// A bad trigger read after ${VAR} expansion is reported without quoting what it expanded
// to (the parser's message may quote the text).
void fail_watch_text(R& r, const N& node, const P& path, std::string_view value,
                     const watch::TriggerError& e, std::string_view what) {
  if (node.Scalar() != value) {
    r.fail(node,
           fmt::format("'{}': '{}' is not {} once expanded", path, shown(node.Scalar()), what),
           "e.g. \"error_rate > 5% for 5m\", \"unavailable for 2m\", \"stable for 30m\"");
  } else {
    r.fail(column_in(node, e.column), fmt::format("'{}': {}", path, e.message));
  }
}

bool is_no_data_policy(std::string_view text) {
  return text == "ignore" || text == "breach" || text == "fail";
}

const Shape k_no_data_shape{is_no_data_policy, "ignore, breach or fail",
                            "what a sample without data means for this trigger"};

// A trigger written as a map: {when: "error_rate > 5% for 5m", on_no_data: fail}.
struct TriggerItem {
  std::string when;
  std::string on_no_data;
};

const std::vector<Field<TriggerItem>> k_trigger_item_fields{
    {"when", [](R& r, const N& n, const P& p, TriggerItem& o) { r.read(o.when, n, p); }},
    {"on_no_data", [](R& r, const N& n, const P& p,
                      TriggerItem& o) { r.read(o.on_no_data, n, p, k_no_data_shape); }},
};

// The trigger's text, or for a metric("...") its selector, checked: false after an error.
bool check_trigger(R& r, const N& node, const P& path, const std::string& text) {
  const auto parsed = watch::parse_trigger(text);
  if (!parsed) {
    fail_watch_text(r, node, path, text, parsed.error(), "a trigger");
    return false;
  }
  if (parsed->signal != watch::Signal::metric) {
    return true;
  }
  if (const auto selector = prom::parse_selector(parsed->source); !selector) {
    // The column counts from the selector's first byte, after `metric("`.
    const std::size_t quote = text.find_first_of("\"'");
    const watch::TriggerError e{quote + 1 + selector.error().column,
                                "metric(...): " + selector.error().message};
    fail_watch_text(r, node, path, text, e, "a trigger");
    return false;
  }
  return true;
}

// Each trigger is parsed at load, so that a typo stops `shipcheck watch` before the deploy
// is watched, with its line and the column inside the string. An item is the trigger's
// text, or a map with `when` (the text) and `on_no_data`. The list is read whole first, so
// its size limits apply before any parsing.
void read_triggers(R& r, const N& node, const P& path, WatchConfig& out) {
  std::vector<TriggerItem> items;
  std::vector<std::pair<N, P>> text_nodes;
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    TriggerItem read;
    if (item.IsMap()) {
      read_fields(r, item, item_path, k_trigger_item_fields, read);
      if (!r.failed() && read.when.empty()) {
        r.fail(item, fmt::format("'{}' has no when: (the trigger)", item_path),
               "e.g. {when: \"error_rate > 5% for 5m\", on_no_data: fail}");
      }
      text_nodes.emplace_back(item["when"], join_path(item_path, "when"));
    } else {
      r.read(read.when, item, item_path);
      if (!r.failed() && read.when.empty()) {
        r.fail(item, fmt::format("'{}' is empty", item_path), "remove the empty item");
      }
      text_nodes.emplace_back(item, item_path);
    }
    items.push_back(std::move(read));
  });
  if (r.failed() || !node.IsSequence()) {
    return;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!check_trigger(r, text_nodes[i].first, text_nodes[i].second, items[i].when)) {
      return;
    }
    out.rollback_when.push_back(items[i].when);
    out.rollback_no_data.push_back(items[i].on_no_data);
  }
}

void read_success(R& r, const N& node, const P& path, WatchConfig& out) {
  r.read(out.success, node, path);
  if (r.failed() || out.success.empty()) {
    return;
  }
  if (const auto parsed = watch::parse_success(out.success); !parsed) {
    fail_watch_text(r, node, path, out.success, parsed.error(), "a success criterion");
  }
}

// watch.capacities: {NAME: number > 0}, for "db_connections > 80% of pool".
void read_capacities(R& r, const N& node, const P& path, WatchConfig& out) {
  r.each_key(node, path, {}, [&](const N& key, const N& value) {
    double capacity = 0;
    r.read(capacity, value, join_path(path, key.Scalar()), 1, 1e12);
    out.capacities[key.Scalar()] = capacity;
  });
}

bool is_baseline_source(std::string_view text) {
  return text == "start" || text == "previous";
}

const Shape k_baseline_source_shape{is_baseline_source, "start or previous",
                                    "start: measured over the first minutes of the watch; "
                                    "previous: the newest stored watch's"};

const std::vector<Field<WatchConfig>> k_baseline_fields{
    {"from", [](R& r, const N& n, const P& p,
                WatchConfig& o) { r.read(o.baseline_from, n, p, k_baseline_source_shape); }},
    {"over", [](R& r, const N& n, const P& p,
                WatchConfig& o) { r.read(o.baseline_over, n, p, k_duration_shape); }},
};

// watch.prometheus_auth: {token_env: VAR} (a bearer token) or {username: NAME,
// password_env: VAR}; the secrets themselves stay in the environment.
const std::vector<Field<WatchConfig>> k_prometheus_auth_fields{
    {"token_env", [](R& r, const N& n, const P& p,
                     WatchConfig& o) { r.read_name(o.prometheus_token_env, n, p); }},
    {"username",
     [](R& r, const N& n, const P& p, WatchConfig& o) { r.read(o.prometheus_username, n, p); }},
    {"password_env", [](R& r, const N& n, const P& p,
                        WatchConfig& o) { r.read_name(o.prometheus_password_env, n, p); }},
};

const std::vector<Field<WatchConfig>> k_watch_fields{
    {"for", [](R& r, const N& n, const P& p,
               WatchConfig& o) { r.read(o.window, n, p, k_duration_shape); }},
    {"interval", [](R& r, const N& n, const P& p,
                    WatchConfig& o) { r.read(o.interval, n, p, k_duration_shape); }},
    {"prometheus",
     [](R& r, const N& n, const P& p, WatchConfig& o) { r.read(o.prometheus, n, p, k_url_shape); }},
    {"prometheus_auth", [](R& r, const N& n, const P& p,
                           WatchConfig& o) { read_fields(r, n, p, k_prometheus_auth_fields, o); }},
    {"rate_window", [](R& r, const N& n, const P& p,
                       WatchConfig& o) { r.read(o.rate_window, n, p, k_duration_shape); }},
    {"rollback_when", read_triggers},
    {"on_rollback",
     [](R& r, const N& n, const P& p, WatchConfig& o) { r.read(o.on_rollback, n, p); }},
    {"success", read_success},
    {"capacities", read_capacities},
    {"baseline", [](R& r, const N& n, const P& p,
                    WatchConfig& o) { read_fields(r, n, p, k_baseline_fields, o); }},
};

}  // namespace

void read_watch(R& r, const N& node, const P& path, Config& out) {
  out.watch.emplace();
  read_fields(r, node, path, k_watch_fields, *out.watch);
  const WatchConfig& w = *out.watch;
  if (!r.failed() && !w.prometheus_token_env.empty() && !w.prometheus_username.empty()) {
    r.fail(node["prometheus_auth"],
           fmt::format("'{}.prometheus_auth' has both token_env and username", path),
           "keep one: a bearer token, or basic auth");
  }
}

}  // namespace shipcheck::config
