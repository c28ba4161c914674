// Our own small language rather than a JSONPath library: Debian packages none for C++, and
// smoke checks need one value per path, not JSONPath's filters and unions.
#include "engines/http/json_assert.h"

#include <array>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "core/redact.h"
#include "engines/secrets/regex.h"

namespace shipcheck::http {
namespace {

constexpr std::size_t k_shown_bytes = 60;

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && is_blank(text[at])) {
    ++at;
  }
  return at;
}

// A key after '.': anything up to the next step, space, ')' or operator character.
bool ends_key(char c) {
  return c == '.' || c == '[' || c == ')' || is_blank(c) || c == '=' || c == '!' || c == '<' ||
         c == '>';
}

tl::unexpected<SyntaxError> syntax_error(std::size_t column, std::string message) {
  return tl::make_unexpected(SyntaxError{column, std::move(message)});
}

// ["key"] or ['key'], `at` on the quote; backslash escapes the next character.
tl::expected<std::string, SyntaxError> quoted_key(std::string_view text, std::size_t& at) {
  const char quote = text[at];
  const std::size_t start = at;
  std::string key;
  for (++at; at < text.size() && text[at] != quote; ++at) {
    if (text[at] == '\\' && at + 1 < text.size()) {
      ++at;
    }
    key += text[at];
  }
  if (at >= text.size()) {
    return syntax_error(start, "unterminated quoted key");
  }
  ++at;
  return key;
}

tl::expected<long long, SyntaxError> index_of(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  long long index = 0;
  const auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), index);
  if (ec != std::errc{} || end == text.data() + at) {
    return syntax_error(start, "expected an index (0, 1, -1) or a quoted key inside [ ]");
  }
  at = static_cast<std::size_t>(end - text.data());
  return index;
}

tl::expected<PathStep, SyntaxError> bracket_step(std::string_view text, std::size_t& at) {
  ++at;  // '['
  PathStep step;
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
    auto key = quoted_key(text, at);
    if (!key) {
      return tl::make_unexpected(key.error());
    }
    step = std::move(*key);
  } else {
    auto index = index_of(text, at);
    if (!index) {
      return tl::make_unexpected(index.error());
    }
    step = *index;
  }
  if (at >= text.size() || text[at] != ']') {
    return syntax_error(at, "expected ']'");
  }
  ++at;
  return step;
}

// Parses the path that starts at `at`, stopping before the first character that cannot
// continue it.
tl::expected<JsonPath, SyntaxError> path_prefix(std::string_view text, std::size_t& at) {
  const std::size_t start = at;
  if (at >= text.size() || text[at] != '$') {
    return syntax_error(at, "a path starts with '$' (e.g. $.status)");
  }
  JsonPath path;
  ++at;
  while (at < text.size() && (text[at] == '.' || text[at] == '[')) {
    if (text[at] == '[') {
      auto step = bracket_step(text, at);
      if (!step) {
        return tl::make_unexpected(step.error());
      }
      path.steps.push_back(std::move(*step));
      continue;
    }
    const std::size_t key_start = ++at;
    while (at < text.size() && !ends_key(text[at])) {
      ++at;
    }
    if (at == key_start) {
      return syntax_error(key_start, "expected a key after '.'");
    }
    path.steps.emplace_back(std::string(text.substr(key_start, at - key_start)));
  }
  path.text = std::string(text.substr(start, at - start));
  return path;
}

struct OpName {
  std::string_view text;
  Op op;
  bool word;  // must be followed by a space or the end
};

constexpr std::array<OpName, 10> k_ops{{
    {"==", Op::eq, false},
    {"!=", Op::ne, false},
    {"<=", Op::le, false},
    {">=", Op::ge, false},
    {"<", Op::lt, false},
    {">", Op::gt, false},
    {"contains", Op::contains, true},
    {"matches", Op::matches, true},
    {"exists", Op::exists, true},
    {"not exists", Op::not_exists, true},
}};

std::optional<OpName> operator_at(std::string_view text, std::size_t at) {
  for (const OpName& name : k_ops) {
    if (text.substr(at, name.text.size()) != name.text) {
      continue;
    }
    const std::size_t end = at + name.text.size();
    if (!name.word || end == text.size() || is_blank(text[end])) {
      return name;
    }
  }
  return std::nullopt;
}

bool is_ordering(Op op) {
  return op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge;
}

// The literal after the operator, checked against what the operator can use.
tl::expected<nlohmann::json, SyntaxError> literal_for(Op op, std::string_view text,
                                                      std::size_t at) {
  const std::string_view literal = text.substr(at);
  if (literal.empty()) {
    return syntax_error(at, "expected a value after the operator");
  }
  auto value = nlohmann::json::parse(literal, nullptr, false);
  if (value.is_discarded()) {
    return syntax_error(at,
                        "the value is not JSON: strings are written in double quotes "
                        "($.status == \"healthy\")");
  }
  if (is_ordering(op) && !value.is_number()) {
    return syntax_error(at, "<, <=, > and >= compare numbers");
  }
  if (op == Op::matches && !value.is_string()) {
    return syntax_error(at, "matches takes a regular expression in double quotes");
  }
  return value;
}

// `at` on the opening "length(": parses "length(PATH)".
tl::expected<JsonPath, SyntaxError> length_path(std::string_view text, std::size_t& at) {
  at = skip_spaces(text, at + std::string_view("length(").size());
  auto path = path_prefix(text, at);
  if (!path) {
    return path;
  }
  at = skip_spaces(text, at);
  if (at >= text.size() || text[at] != ')') {
    return syntax_error(at, "expected ')' after the path in length(...)");
  }
  ++at;
  return path;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

std::optional<nlohmann::json> length_of(const nlohmann::json& value) {
  if (value.is_array() || value.is_object()) {
    return nlohmann::json(value.size());
  }
  if (value.is_string()) {
    return nlohmann::json(utf8_length(value.get_ref<const std::string&>()));
  }
  return std::nullopt;
}

bool ordered(Op op, double actual, double expected) {
  switch (op) {
    case Op::lt:
      return actual < expected;
    case Op::le:
      return actual <= expected;
    case Op::gt:
      return actual > expected;
    default:
      return actual >= expected;
  }
}

bool contains(const nlohmann::json& actual, const nlohmann::json& expected) {
  if (actual.is_string() && expected.is_string()) {
    return actual.get_ref<const std::string&>().find(expected.get_ref<const std::string&>()) !=
           std::string::npos;
  }
  if (actual.is_array()) {
    for (const auto& item : actual) {
      if (item == expected) {
        return true;
      }
    }
    return false;
  }
  return actual.is_object() && expected.is_string() &&
         actual.contains(expected.get_ref<const std::string&>());
}

bool compare(const Assertion& a, const nlohmann::json& actual, std::string& why) {
  switch (a.op) {
    case Op::eq:
      return actual == a.expected;
    case Op::ne:
      return actual != a.expected;
    case Op::contains:
      return contains(actual, a.expected);
    case Op::matches:
      if (!actual.is_string()) {
        why = " (not a string)";
        return false;
      } else {
        secrets::MatchData data;
        return a.regex->search(actual.get_ref<const std::string&>(), data);
      }
    default:
      if (!actual.is_number()) {
        why = " (not a number)";
        return false;
      }
      return ordered(a.op, actual.get<double>(), a.expected.get<double>());
  }
}

}  // namespace

tl::expected<JsonPath, SyntaxError> parse_json_path(std::string_view text) {
  std::size_t at = 0;
  auto path = path_prefix(text, at);
  if (path && at != text.size()) {
    return syntax_error(at, "unexpected text after the path");
  }
  return path;
}

const nlohmann::json* resolve(const JsonPath& path, const nlohmann::json& document) {
  const nlohmann::json* at = &document;
  for (const PathStep& step : path.steps) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!at->is_object()) {
        return nullptr;
      }
      const auto it = at->find(*key);
      if (it == at->end()) {
        return nullptr;
      }
      at = &*it;
      continue;
    }
    const long long index = std::get<long long>(step);
    if (!at->is_array()) {
      return nullptr;
    }
    const auto size = static_cast<long long>(at->size());
    const long long real = index < 0 ? size + index : index;
    if (real < 0 || real >= size) {
      return nullptr;
    }
    at = &(*at)[static_cast<std::size_t>(real)];
  }
  return at;
}

tl::expected<Assertion, SyntaxError> parse_assertion(std::string_view text) {
  Assertion a;
  a.text = std::string(text);
  std::size_t at = skip_spaces(text, 0);
  a.length = text.substr(at, 7) == "length(";
  auto path = a.length ? length_path(text, at) : path_prefix(text, at);
  if (!path) {
    return tl::make_unexpected(path.error());
  }
  a.path = std::move(*path);
  at = skip_spaces(text, at);
  const auto op = operator_at(text, at);
  if (!op) {
    return syntax_error(at,
                        "expected an operator: ==, !=, <, <=, >, >=, contains, matches, "
                        "exists or not exists");
  }
  a.op = op->op;
  at = skip_spaces(text, at + op->text.size());
  if (a.op == Op::exists || a.op == Op::not_exists) {
    if (a.length) {
      return syntax_error(0, "length(...) is compared with a number, not tested with exists");
    }
    if (at != text.size()) {
      return syntax_error(at, "nothing may follow exists / not exists");
    }
    return a;
  }
  if (a.length && !is_ordering(a.op) && a.op != Op::eq && a.op != Op::ne) {
    return syntax_error(0, "length(...) is compared with ==, !=, <, <=, > or >=");
  }
  auto literal = literal_for(a.op, text, at);
  if (!literal) {
    return tl::make_unexpected(literal.error());
  }
  a.expected = std::move(*literal);
  if (a.op == Op::matches) {
    try {
      a.regex = std::make_shared<secrets::Regex>(a.expected.get<std::string>());
    } catch (const std::invalid_argument& e) {
      return syntax_error(at, fmt::format("not a regular expression: {}", e.what()));
    }
  }
  return a;
}

Outcome evaluate(const Assertion& a, const nlohmann::json& document) {
  const nlohmann::json* found = resolve(a.path, document);
  if (a.op == Op::exists || a.op == Op::not_exists) {
    const bool holds = (found != nullptr) == (a.op == Op::exists);
    return {holds, found != nullptr ? shown_value(*found) : a.path.text + " is absent"};
  }
  if (found == nullptr) {
    return {false, a.path.text + " is absent"};
  }
  nlohmann::json actual = *found;
  if (a.length) {
    auto size = length_of(*found);
    if (!size) {
      return {false, shown_value(*found) + " (has no length)"};
    }
    actual = std::move(*size);
  }
  std::string why;
  const bool holds = compare(a, actual, why);
  return {holds, shown_value(actual) + why};
}

std::string shown_value(const nlohmann::json& value) {
  if (value.is_string() && looks_random(value.get_ref<const std::string&>())) {
    return fmt::format("a token-like string of {} characters",
                       value.get_ref<const std::string&>().size());
  }
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > k_shown_bytes) {
    std::size_t cut = k_shown_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;  // never split a UTF-8 character
    }
    text = text.substr(0, cut) + "…";
  }
  return text;
}

}  // namespace shipcheck::http
