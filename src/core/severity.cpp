// Names and weights of Severity and Status.
#include "core/severity.h"

#include <array>
#include <utility>

namespace shipcheck {
namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 5> k_severity_names{{
    {Severity::critical, "critical"},
    {Severity::high, "high"},
    {Severity::medium, "medium"},
    {Severity::low, "low"},
    {Severity::info, "info"},
}};

constexpr std::array<std::pair<Status, std::string_view>, 6> k_status_names{{
    {Status::pass, "pass"},
    {Status::fail, "fail"},
    {Status::warn, "warn"},
    {Status::skip, "skip"},
    {Status::error, "error"},
    {Status::manual, "manual"},
}};

}  // namespace

std::string_view to_string(Severity severity) {
  for (const auto& [value, name] : k_severity_names) {
    if (value == severity) {
      return name;
    }
  }
  return "info";
}

std::string_view to_string(Status status) {
  for (const auto& [value, name] : k_status_names) {
    if (value == status) {
      return name;
    }
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (const auto& [value, name] : k_severity_names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<Status> parse_status(std::string_view text) {
  for (const auto& [value, name] : k_status_names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

int weight(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return 10;
    case Severity::high:
      return 5;
    case Severity::medium:
      return 3;
    case Severity::low:
      return 1;
    case Severity::info:
      return 0;
  }
  return 0;
}

int display_rank(Status status) {
  switch (status) {
    case Status::fail:
      return 0;
    case Status::error:
      return 1;
    case Status::warn:
      return 2;
    case Status::manual:
      return 3;
    case Status::pass:
      return 4;
    case Status::skip:
      return 5;
  }
  return 0;
}

}  // namespace shipcheck
