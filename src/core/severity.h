// Severity and Status: the two enums every Result carries, with their JSON names.
#pragma once

#include <optional>
#include <string_view>

namespace shipcheck {

enum class Severity { critical, high, medium, low, info };
enum class Status { pass, fail, warn, skip, error, manual };

std::string_view to_string(Severity severity);
std::string_view to_string(Status status);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<Status> parse_status(std::string_view text);

// Score weight of a severity: critical 10, high 5, medium 3, low 1, info 0 (DESIGN.md).
int weight(Severity severity);

}  // namespace shipcheck
