#include "engines/watch/signal_log.h"

#include <algorithm>
#include <cmath>

namespace shipcheck::watch {
namespace {

double median_of(std::vector<double> values) {
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) {
    return upper;
  }
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

}  // namespace

void SignalLog::add(const std::string& name, std::optional<double> value) {
  if (!value || !std::isfinite(*value)) {
    return;
  }
  auto& values = m_values[name];
  if (values.size() < k_max_values) {
    values.push_back(*value);
  }
}

std::optional<double> SignalLog::median(const std::string& name) const {
  const auto found = m_values.find(name);
  if (found == m_values.end() || found->second.empty()) {
    return std::nullopt;
  }
  return median_of(found->second);
}

std::map<std::string, double> SignalLog::medians() const {
  std::map<std::string, double> out;
  for (const auto& [name, values] : m_values) {
    if (!values.empty()) {
      out[name] = median_of(values);
    }
  }
  return out;
}

}  // namespace shipcheck::watch
