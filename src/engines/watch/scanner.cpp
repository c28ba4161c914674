// The trigger scanner: cursor, numbers, errors.
#include "engines/watch/scanner.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace shipcheck::watch::detail {

tl::unexpected<TriggerError> fail_at(std::size_t column, std::string_view what,
                                     std::string_view forms) {
  return tl::unexpected(TriggerError{column, fmt::format("{}; {}", what, forms)});
}

std::string excerpt(std::string_view text) {
  constexpr std::size_t k_max = 24;
  return text.size() <= k_max ? std::string(text) : std::string(text.substr(0, k_max)) + "…";
}

bool is_word_char(unsigned char c) {
  return std::isalnum(c) != 0 || c == '_' || c == '.';
}

bool is_unit_char(unsigned char c) {
  return std::isalpha(c) != 0 || c >= 0x80;
}

bool is_number_char(unsigned char c) {
  return std::isdigit(c) != 0 || c == '.';
}

std::optional<double> to_number(std::string_view digits) {
  const std::string_view mantissa = digits.substr(0, digits.find_first_of("eE"));
  if (mantissa.empty() || digits.size() > 20 ||
      std::isdigit(static_cast<unsigned char>(mantissa.front())) == 0 || mantissa.back() == '.' ||
      mantissa.find('.') != mantissa.rfind('.')) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

void Cursor::skip_blanks() {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) {
    ++at;
  }
}

bool Cursor::done() {
  skip_blanks();
  return at == text.size();
}

bool Cursor::eat(char c) {
  skip_blanks();
  if (at < text.size() && text[at] == c) {
    ++at;
    return true;
  }
  return false;
}

std::string_view Cursor::take_number() {
  const std::string_view mantissa = take(is_number_char);
  const std::size_t end = at;
  auto digit_at = [&](std::size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0;
  };
  if (!mantissa.empty() && end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    const std::size_t sign =
        end + 1 < text.size() && (text[end + 1] == '+' || text[end + 1] == '-') ? 1 : 0;
    if (digit_at(end + 1 + sign)) {
      at = end + 1 + sign;
      while (digit_at(at)) {
        ++at;
      }
    }
  }
  return text.substr(end - mantissa.size(), at - (end - mantissa.size()));
}

std::string Cursor::found() {
  skip_blanks();
  if (at == text.size()) {
    return "the end";
  }
  std::size_t end = at;
  while (end < text.size() && text[end] != ' ' && text[end] != '\t') {
    ++end;
  }
  return fmt::format("'{}'", excerpt(text.substr(at, end - at)));
}

}  // namespace shipcheck::watch::detail
