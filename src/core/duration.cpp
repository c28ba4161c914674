// Duration parsing.
#include "core/duration.h"

#include <cctype>
#include <cstdint>

namespace shipcheck {
namespace {

std::optional<std::int64_t> unit_ms(std::string_view unit) {
  if (unit == "ms") {
    return 1;
  }
  if (unit == "s" || unit.empty()) {
    return 1000;
  }
  if (unit == "m") {
    return 60'000;
  }
  if (unit == "h") {
    return 3'600'000;
  }
  if (unit == "d") {
    return 86'400'000;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty() || text.size() > 32) {
    return std::nullopt;
  }
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t number = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (i - digits_start >= 9) {
        return std::nullopt;  // keeps the arithmetic far from overflow
      }
      number = number * 10 + (text[i++] - '0');
    }
    const std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) != 0) {
      ++i;
    }
    const auto ms = unit_ms(text.substr(unit_start, i - unit_start));
    if (digits_start == unit_start || !ms || (unit_start == i && i != text.size())) {
      return std::nullopt;
    }
    total += number * *ms;
  }
  return std::chrono::milliseconds(total);
}

}  // namespace shipcheck
