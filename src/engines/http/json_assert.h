// The JSON assertion language of smoke requests and health checks (docs/smoke.md):
//
//   $.status == "healthy"        $.items[0].id exists        length($.items) >= 1
//   $.user["e-mail"] matches "@example\\.com$"     $.tags contains "beta"
//
// A path ($, .key, ["key"], [index], [-1] for the last) picks one value of the document;
// the operator compares it with a JSON literal. Parsed once, when shipcheck.yaml is read,
// so that a typo is a config error with its column, not a failed check.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace shipcheck::secrets {
class Regex;
}

namespace shipcheck::http {

// One step of a path: an object key or an array index (negative counts from the end).
using PathStep = std::variant<std::string, long long>;

struct JsonPath {
  std::vector<PathStep> steps;
  std::string text;  // as written, for messages
};

// What a bad path or assertion looks like: `column` is 0-based within the text.
struct SyntaxError {
  std::size_t column = 0;
  std::string message;
};

// Parses a path that is the whole of `text` ("$.a.b[0]").
tl::expected<JsonPath, SyntaxError> parse_json_path(std::string_view text);

// The value at `path` in `document`, or nullptr when some step does not exist.
const nlohmann::json* resolve(const JsonPath& path, const nlohmann::json& document);

enum class Op { exists, not_exists, eq, ne, lt, le, gt, ge, contains, matches };

struct Assertion {
  std::string text;
  JsonPath path;
  bool length = false;  // length(PATH): the size of an array, object or string
  Op op = Op::exists;
  nlohmann::json expected;                // the literal (null for exists / not exists)
  std::shared_ptr<secrets::Regex> regex;  // for matches
};

tl::expected<Assertion, SyntaxError> parse_assertion(std::string_view text);

// Whether the assertion holds on `document`, and what was found (for a failure message:
// `got "degraded"`, `$.id is absent`). Long or credential-like values are never shown whole.
struct Outcome {
  bool holds = false;
  std::string found;
};

Outcome evaluate(const Assertion& assertion, const nlohmann::json& document);

// A value as a message may show it: JSON text cut to 60 bytes, and a string that looks like
// a credential (a token a flow returns) reduced to its length.
std::string shown_value(const nlohmann::json& value);

}  // namespace shipcheck::http
