// Selection, counter increases and histogram quantiles over scraped samples (see series.h).
#include "engines/prom/series.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "engines/secrets/regex.h"

namespace shipcheck::prom {
namespace {

// Name and labels in one string: the identity of a series between two scrapes. Labels are
// sorted by the parser; each value is length-prefixed, so any bytes it holds are unambiguous.
std::string series_key(const Sample& sample) {
  std::string key = sample.name;
  for (const auto& [name, value] : sample.labels) {
    key += fmt::format(",{}={}:{}", name, value.size(), value);
  }
  return key;
}

bool matcher_accepts(const LabelMatcher& matcher, const secrets::Regex* regex,
                     std::string_view value) {
  switch (matcher.op) {
    case MatchOp::equal:
      return value == matcher.value;
    case MatchOp::not_equal:
      return value != matcher.value;
    case MatchOp::regex:
    case MatchOp::not_regex: {
      secrets::MatchData data;
      const bool found = regex->search(value, data);
      return found == (matcher.op == MatchOp::regex);
    }
  }
  return false;
}

// PromQL's ensureMonotonic: a bucket count below the one before it is raised to it.
void even_out(std::vector<Bucket>& buckets) {
  double highest = 0;
  for (auto& bucket : buckets) {
    highest = std::max(highest, bucket.count);
    bucket.count = highest;
  }
}

}  // namespace

tl::expected<Selector, std::string> Selector::make(std::string metric,
                                                   std::vector<LabelMatcher> matchers) {
  Selector selector;
  selector.m_metric = std::move(metric);
  for (auto& matcher : matchers) {
    Compiled compiled{std::move(matcher), nullptr};
    if (compiled.matcher.op == MatchOp::regex || compiled.matcher.op == MatchOp::not_regex) {
      try {
        // Anchored like PromQL's: `5..` matches the whole value, not a part of it.
        compiled.regex =
            std::make_shared<const secrets::Regex>("\\A(?:" + compiled.matcher.value + ")\\z");
      } catch (const std::invalid_argument& e) {
        return tl::unexpected(
            fmt::format("bad regex for label {}: {}", compiled.matcher.name, e.what()));
      }
    }
    selector.m_matchers.push_back(std::move(compiled));
  }
  return selector;
}

bool Selector::matches(const Sample& sample) const {
  if (!m_metric.empty() && sample.name != m_metric) {
    return false;
  }
  return std::all_of(m_matchers.begin(), m_matchers.end(), [&](const Compiled& c) {
    return matcher_accepts(c.matcher, c.regex.get(), sample.label(c.matcher.name));
  });
}

std::vector<const Sample*> Selector::select(const std::vector<Sample>& samples) const {
  std::vector<const Sample*> picked;
  for (const auto& sample : samples) {
    if (matches(sample)) {
      picked.push_back(&sample);
    }
  }
  return picked;
}

std::optional<double> Selector::sum(const std::vector<Sample>& samples) const {
  std::optional<double> total;
  for (const Sample* sample : select(samples)) {
    total = total.value_or(0) + sample->value;
  }
  return total;
}

double counter_increase(double previous, double current) {
  return current < previous ? current : current - previous;
}

double counter_rate(double previous, double current, double seconds) {
  return counter_increase(previous, current) / seconds;
}

std::vector<Sample> increases(const std::vector<Sample>& previous,
                              const std::vector<Sample>& current) {
  std::unordered_map<std::string, double> before;
  for (const auto& sample : previous) {
    before.emplace(series_key(sample), sample.value);
  }
  std::vector<Sample> out;
  out.reserve(current.size());
  for (const auto& sample : current) {
    Sample delta = sample;
    const auto it = before.find(series_key(sample));
    delta.value = counter_increase(it == before.end() ? 0.0 : it->second, sample.value);
    out.push_back(std::move(delta));
  }
  return out;
}

std::optional<double> rate(const std::vector<Sample>& previous, const std::vector<Sample>& current,
                           const Selector& selector, double seconds) {
  const auto total = selector.sum(increases(previous, current));
  if (!total) {
    return std::nullopt;
  }
  return *total / seconds;
}

std::vector<Bucket> histogram_buckets(const std::vector<Sample>& samples,
                                      const Selector& selector) {
  const std::string bucket_name = selector.metric() + "_bucket";
  std::map<double, double> by_bound;
  for (const auto& sample : samples) {
    if (sample.name != bucket_name) {
      continue;
    }
    Sample as_base = sample;
    as_base.name = selector.metric();  // the matchers name the histogram, not its series
    const auto bound = parse_value(sample.label("le"));
    if (bound && !std::isnan(*bound) && selector.matches(as_base)) {
      by_bound[*bound] += sample.value;
    }
  }
  std::vector<Bucket> buckets;
  for (const auto& [bound, count] : by_bound) {
    buckets.push_back(Bucket{bound, count});
  }
  return buckets;
}

std::optional<double> histogram_quantile(double q, std::vector<Bucket> buckets) {
  if (std::isnan(q)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (q < 0) {
    return -std::numeric_limits<double>::infinity();
  }
  if (q > 1) {
    return std::numeric_limits<double>::infinity();
  }
  std::sort(buckets.begin(), buckets.end(),
            [](const Bucket& a, const Bucket& b) { return a.upper_bound < b.upper_bound; });
  if (buckets.size() < 2 || !std::isinf(buckets.back().upper_bound) ||
      buckets.back().upper_bound < 0) {
    return std::nullopt;
  }
  even_out(buckets);
  const double observations = buckets.back().count;
  if (observations <= 0) {
    return std::nullopt;
  }
  double rank = q * observations;
  const auto it = std::lower_bound(buckets.begin(), buckets.end(), rank,
                                   [](const Bucket& b, double r) { return b.count < r; });
  const std::size_t b = static_cast<std::size_t>(it - buckets.begin());
  if (b >= buckets.size() - 1) {
    return buckets[buckets.size() - 2].upper_bound;
  }
  if (b == 0 && buckets[0].upper_bound <= 0) {
    return buckets[0].upper_bound;
  }
  double start = 0;
  double count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upper_bound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (buckets[b].upper_bound - start) * (rank / count);
}

}  // namespace shipcheck::prom
