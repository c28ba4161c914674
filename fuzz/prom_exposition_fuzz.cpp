// Fuzzes the Prometheus text exposition parser, then the series helpers on what it accepts:
// never crashes; an accepted text has sorted, unique labels and at most k_max_samples
// samples; an error names a line and column inside the text.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/prom/exposition.h"
#include "engines/prom/series.h"

namespace {

void check_labels(const shipcheck::prom::Sample& sample) {
  for (std::size_t i = 1; i < sample.labels.size(); ++i) {
    if (!(sample.labels[i - 1].first < sample.labels[i].first)) {
      std::abort();  // unsorted or repeated
    }
  }
}

void exercise_series(const std::vector<shipcheck::prom::Sample>& samples) {
  using namespace shipcheck::prom;
  const auto all = Selector::make("", {{"le", MatchOp::regex, ".*"}});
  if (!all) {
    std::abort();
  }
  const auto deltas = increases(samples, samples);
  for (const auto& sample : samples) {
    const auto histogram = Selector::make(sample.name);
    (void)histogram_quantile(0.95, histogram_buckets(deltas, *histogram));
  }
  (void)all->sum(samples);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = shipcheck::prom::parse_exposition(text);
  if (!result) {
    const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
    if (result.error().line < 1 || result.error().line > lines || result.error().column < 1) {
      std::abort();
    }
    return 0;
  }
  if (result->samples.size() > shipcheck::prom::k_max_samples) {
    std::abort();
  }
  for (const auto& sample : result->samples) {
    check_labels(sample);
  }
  if (result->samples.size() <= 64) {  // one histogram pass per sample: keep it quadratic-small
    exercise_series(result->samples);
  }
  return 0;
}
