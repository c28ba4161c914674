// What a watch needs from /metrics scrapes when there is no Prometheus server: samples
// picked by label matchers, counter increases and rates between two scrapes with reset
// handling, and PromQL's histogram_quantile over bucket increases.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "engines/prom/exposition.h"

namespace shipcheck::secrets {
class Regex;
}

namespace shipcheck::prom {

// ---- Selection -----------------------------------------------------------------------

enum class MatchOp { equal, not_equal, regex, not_regex };

// One PromQL-style label matcher: `job="api"`, `code=~"5.."` (regexes match the whole value,
// PCRE2 syntax, which agrees with RE2 on what such matchers use).
struct LabelMatcher {
  std::string name;
  MatchOp op = MatchOp::equal;
  std::string value;
};

// A metric name (exact; empty = any) and label matchers, regexes compiled once.
class Selector {
 public:
  // Fails with a message when a regex does not compile.
  static tl::expected<Selector, std::string> make(std::string metric,
                                                  std::vector<LabelMatcher> matchers = {});
  bool matches(const Sample& sample) const;
  std::vector<const Sample*> select(const std::vector<Sample>& samples) const;
  // The sum of the matching values; nullopt when nothing matches (no data, not zero).
  std::optional<double> sum(const std::vector<Sample>& samples) const;
  const std::string& metric() const { return m_metric; }

 private:
  struct Compiled {
    LabelMatcher matcher;
    std::shared_ptr<const secrets::Regex> regex;  // PCRE2, anchored; null for = and !=
  };
  std::string m_metric;
  std::vector<Compiled> m_matchers;
};

// Where a selector's text went wrong: `column` is the 0-based byte offset in it.
struct SelectorError {
  std::size_t column = 0;
  std::string message;
};

// A PromQL instant-vector selector as text: `name`, `name{label="v",other=~"5.."}` or
// `{__name__="name"}`; matchers = != =~ !~; values double-quoted with the escapes \" \\ \n.
// No functions, ranges or offsets: watch's metric("...") names one series to read. (A parser
// of our own: Prometheus's is Go, and this is the small part a watch needs.)
tl::expected<Selector, SelectorError> parse_selector(std::string_view text);

// ---- Counters between two scrapes ----------------------------------------------------

// The increase of one counter from `previous` to `current`: a drop means the process
// restarted and counted from zero since (as Prometheus treats a counter reset), so the
// increase is then `current` itself.
double counter_increase(double previous, double current);

// Per-second rate of one counter over `seconds` (> 0), with the same reset handling.
double counter_rate(double previous, double current, double seconds);

// For every sample of `current`: its increase since the same series (name and labels) in
// `previous`. A series absent from `previous` counts from zero: clients create a labelled
// counter at its first increment, so the first 5xx of a deploy arrives as a new series with
// value 1 (Prometheus's rate() would need two samples of it and miss that error).
std::vector<Sample> increases(const std::vector<Sample>& previous,
                              const std::vector<Sample>& current);

// Summed per-second rate of the series `selector` picks, between two scrapes `seconds`
// apart; nullopt when `current` has no matching series.
std::optional<double> rate(const std::vector<Sample>& previous, const std::vector<Sample>& current,
                           const Selector& selector, double seconds);

// ---- Histograms -----------------------------------------------------------------------

struct Bucket {
  double upper_bound = 0;  // le
  double count = 0;        // cumulative
};

// The buckets of histogram `selector.metric()` (its `<name>_bucket` samples that pass the
// label matchers), summed by `le` across the other labels (PromQL's `sum by (le)`), sorted.
std::vector<Bucket> histogram_buckets(const std::vector<Sample>& samples, const Selector& selector);

// PromQL's histogram_quantile: the bucket holding rank q·count, interpolated linearly
// within it; the highest finite bound when the rank falls in the +Inf bucket. q < 0 gives
// -Inf, q > 1 +Inf. nullopt when there is no +Inf bucket, fewer than two buckets or no
// observation. Non-monotonic counts (from precision loss) are evened out as PromQL does.
std::optional<double> histogram_quantile(double q, std::vector<Bucket> buckets);

}  // namespace shipcheck::prom
