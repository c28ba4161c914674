// The values each signal took during a watch, kept to take their median: the baseline a
// "K * baseline" bound multiplies (measured over the first minutes of the watch), and what a
// watch stores for the next one to start from. A median, not a mean: one slow scrape or one
// restart's spike in the first minutes must not move the bound.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shipcheck::watch {

class SignalLog {
 public:
  // Beyond this many values a signal keeps its first ones: 28 hours at one a second.
  static constexpr std::size_t k_max_values = 100'000;

  // Keeps `value` under `name` when it is a finite number (no data is not a value).
  void add(const std::string& name, std::optional<double> value);
  // The median of `name`'s values; nullopt when it has none.
  std::optional<double> median(const std::string& name) const;
  // Every signal's median.
  std::map<std::string, double> medians() const;

 private:
  std::map<std::string, std::vector<double>> m_values;
};

}  // namespace shipcheck::watch
