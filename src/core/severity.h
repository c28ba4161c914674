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

// Where a status goes in a report, what needs action first: fail 0, error 1, warn 2,
// manual 3, pass 4, skip 5. The text and HTML reports both order results by it.
int display_rank(Status status);

// Score weight of a severity: critical 10, high 5, medium 3, low 1, info 0 (DESIGN.md).
int weight(Severity severity);

}  // namespace shipcheck
