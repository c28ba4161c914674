// Shape checks for shipcheck.yaml values; each is a small hand-written matcher.
#include "config/values.h"

#include <algorithm>
#include <charconv>

namespace shipcheck::config {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || is_upper(c);
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}

std::size_t count_leading(std::string_view text, bool (*pred)(char)) {
  std::size_t n = 0;
  while (n < text.size() && pred(text[n])) {
    ++n;
  }
  return n;
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

// Consumes one duration unit at the front of `text`; false if there is none.
bool take_unit(std::string_view& text) {
  if (text.substr(0, 2) == "ms") {
    text.remove_prefix(2);
    return true;
  }
  if (!text.empty() && std::string_view("smhdw").find(text.front()) != std::string_view::npos) {
    text.remove_prefix(1);
    return true;
  }
  return false;
}

}  // namespace

bool is_rule_id(std::string_view text) {
  return text.size() > 3 && is_family_code(text.substr(0, text.size() - 3)) &&
         count_leading(text.substr(text.size() - 3), is_digit) == 3;
}

bool is_family_code(std::string_view text) {
  // Letters, and digits inside (K8S): a trailing digit would run into the rule number.
  return text.size() >= 2 && text.size() <= 5 && is_upper(text.front()) && is_upper(text.back()) &&
         std::all_of(text.begin(), text.end(), [](char c) { return is_upper(c) || is_digit(c); });
}

bool is_var_name(std::string_view text) {
  if (text.empty() || !(is_alpha(text.front()) || text.front() == '_')) {
    return false;
  }
  for (char c : text) {
    if (!is_alnum(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool is_duration(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  while (!text.empty()) {
    const std::size_t digits = count_leading(text, is_digit);
    if (digits == 0) {
      return false;
    }
    text.remove_prefix(digits);
    if (!text.empty() && text.front() == '.') {
      const std::size_t fraction = count_leading(text.substr(1), is_digit);
      if (fraction == 0) {
        return false;
      }
      text.remove_prefix(1 + fraction);
    }
    if (!take_unit(text)) {
      return false;
    }
  }
  return true;
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) {
      return false;
    }
  }
  const int year = to_int(text.substr(0, 4));
  const int month = to_int(text.substr(5, 2));
  const int day = to_int(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool is_postgres_url(std::string_view text) {
  return (text.starts_with("postgresql://") || text.starts_with("postgres://")) &&
         text.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool is_http_url(std::string_view text) {
  std::string_view rest;
  if (text.substr(0, 7) == "http://") {
    rest = text.substr(7);
  } else if (text.substr(0, 8) == "https://") {
    rest = text.substr(8);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == ':') {
    return false;
  }
  return rest.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool is_url_path(std::string_view text) {
  return !text.empty() && text.front() == '/' &&
         text.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool is_resolve_entry(std::string_view text) {
  const std::size_t host_end = text.find(':');
  if (host_end == 0 || host_end == std::string_view::npos) {
    return false;
  }
  const std::string_view rest = text.substr(host_end + 1);
  const std::size_t digits = count_leading(rest, is_digit);
  return digits > 0 && digits <= 5 && rest.size() > digits + 1 && rest[digits] == ':' &&
         rest.find_first_of(" \t\r\n") == std::string_view::npos;
}

bool is_item_id(std::string_view text) {
  if (text.empty() || !is_alnum(text.front())) {
    return false;
  }
  for (char c : text) {
    if (!is_alnum(c) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

}  // namespace shipcheck::config
