// Times as reports and the history write them: RFC 3339 in UTC ("2026-11-21T22:40:00Z").
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace shipcheck {

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; nullopt for any other text.
std::optional<std::time_t> parse_utc(const std::string& text);

}  // namespace shipcheck
