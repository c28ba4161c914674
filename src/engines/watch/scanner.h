// The trigger parser's scanner, shared by its files: a cursor over one line, numbers, and
// errors that end with examples of the accepted forms.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "engines/watch/triggers.h"

namespace shipcheck::watch::detail {

inline constexpr std::string_view k_trigger_forms =
    "accepted forms, e.g. \"error_rate > 5% for 5m\", \"p95 > 2s for 5m\", "
    "\"unavailable for 2m\", \"db_connections > 80% of pool\", \"p95 > 1.5 * baseline\", "
    "'query(\"sum(rate(http_requests_total[1m]))\") > 3 for 2m'";
inline constexpr std::string_view k_success_forms = "e.g. \"stable for 30m\"";

// An error at `column`: `what`, then "; " and `forms`.
tl::unexpected<TriggerError> fail_at(std::size_t column, std::string_view what,
                                     std::string_view forms = k_trigger_forms);

// At most 24 bytes of `text`, for quoting in an error.
std::string excerpt(std::string_view text);

bool is_word_char(unsigned char c);    // letters, digits, '_' and '.'
bool is_unit_char(unsigned char c);    // letters and the bytes of "µ"
bool is_number_char(unsigned char c);  // digits and '.'

// Digits with at most one '.', not at either end, and an optional exponent ("1e9", "2.5e-3",
// which is how to_string writes very large and very small bounds); at most 20 characters.
std::optional<double> to_number(std::string_view digits);

// Bounds are 0 or within [1e-9, 1e15] in their unit: finite once scaled, and written back
// by to_string in a form that parses to the same value.
inline constexpr double k_min_bound = 1e-9;
inline constexpr double k_max_bound = 1e15;

// A position in the text; every read skips the blanks (spaces, tabs) before it.
struct Cursor {
  std::string_view text;
  std::size_t at = 0;

  void skip_blanks();
  bool done();
  bool eat(char c);
  // The longest run from here (after blanks) of bytes for which `accept` holds.
  template <typename Accept>
  std::string_view take(Accept accept) {
    skip_blanks();
    const std::size_t start = at;
    while (at < text.size() && accept(static_cast<unsigned char>(text[at]))) {
      ++at;
    }
    return text.substr(start, at - start);
  }
  // A number as to_number reads it: digits and '.', then "e", an optional sign and digits
  // when a digit follows.
  std::string_view take_number();
  // The next token as a person would name it, for "found ..." in errors: "'xs'", "the end".
  std::string found();
};

// "OP BOUND" is read by parse_trigger; these read the bound after the operator.
tl::expected<void, TriggerError> read_bound(Cursor& in, Trigger& out);

}  // namespace shipcheck::watch::detail
