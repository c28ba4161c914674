// Durations as users write them: "30s", "500ms", "2m", "1h", "1h30m", a bare number = s.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace shipcheck {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace shipcheck
