// Reader: walks yaml-cpp nodes with positions, expands ${VAR}, records the first error.
#include "config/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "config/expand.h"
#include "config/source_text.h"
#include "config/values.h"
#include "core/text.h"

namespace shipcheck::config {
namespace {

std::string_view kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a single value";
    default:
      return "nothing";
  }
}

std::string key_hint(std::string_view key, const std::vector<std::string>& keys) {
  if (key == "<<") {
    return "YAML merge keys (<<) are not supported; repeat the keys instead";
  }
  const std::vector<std::string> near = closest(key, keys, 1);
  if (!near.empty()) {
    return fmt::format("did you mean '{}'?", near.front());
  }
  return fmt::format("valid keys: {}", fmt::join(keys, ", "));
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && !text.empty();
}

template <typename T>
std::string range_text(T min, T max) {
  if (max == std::numeric_limits<T>::max()) {
    return fmt::format(">= {}", min);
  }
  return fmt::format("from {} to {}", min, max);
}

}  // namespace

SourcePos pos_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) {
    return {};
  }
  return SourcePos{mark.line + 1, mark.column + 1};
}

SourcePos column_in(const YAML::Node& node, std::size_t offset) {
  SourcePos pos = pos_of(node);
  if (pos.line > 0) {
    const bool quoted = node.Tag() != "?";
    pos.column += static_cast<int>(offset) + (quoted ? 1 : 0);
  }
  return pos;
}

std::string shown(std::string_view raw) {
  constexpr std::size_t k_max = 40;
  const std::size_t newline = raw.find_first_of("\r\n");
  const bool cut = newline != std::string_view::npos || raw.size() > k_max;
  raw = raw.substr(0, std::min(newline, k_max));
  return cut ? std::string(raw) + "…" : std::string(raw);
}

Reader::Reader(std::string_view source, std::string_view file_name, const EnvLookup& env)
    : m_source(source), m_file(file_name), m_env(env) {}

void Reader::fail(SourcePos pos, std::string message, std::string hint) {
  if (!m_error) {
    m_error = ParseError{m_file, pos.line, pos.column, std::move(message), std::move(hint)};
  }
}

void Reader::fail(const YAML::Node& node, std::string message, std::string hint) {
  fail(pos_of(node), std::move(message), std::move(hint));
}

bool Reader::expect_map(const YAML::Node& node, const std::string& path) {
  if (!failed() && !node.IsNull() && !node.IsMap()) {
    fail(node, fmt::format("'{}' must be a map, found {}", path, kind_name(node)),
         "write its keys indented below it, or as {key: value}");
  }
  return !failed() && node.IsMap();
}

bool Reader::expect_list(const YAML::Node& node, const std::string& path) {
  if (!failed() && !node.IsNull() && !node.IsSequence()) {
    fail(node, fmt::format("'{}' must be a list, found {}", path, kind_name(node)),
         "write it as [a, b] or as lines starting with '- '");
  }
  return !failed() && node.IsSequence();
}

bool Reader::check_quote(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (node.Tag() == "?" || mark.pos < 0) {
    return true;  // plain scalars have no quotes
  }
  // The mark of `&anchor !tag "text"` is at the anchor; the quote follows the properties.
  std::size_t at = static_cast<std::size_t>(mark.pos);
  while (at < m_source.size() && (m_source[at] == '&' || m_source[at] == '!')) {
    at = m_source.find_first_of(" \t\r\n", at);
    at = at == std::string_view::npos ? m_source.size() : m_source.find_first_not_of(" \t\r\n", at);
  }
  if (at >= m_source.size()) {
    return true;
  }
  const char quote = m_source[at];
  if ((quote == '"' || quote == '\'') && quote_unterminated(m_source, at)) {
    fail(node, "unterminated quoted string", fmt::format("add the closing {} quote", quote));
    return false;
  }
  return true;
}

bool Reader::check_key(const YAML::Node& key, const std::string& path,
                       const std::vector<std::string>& keys) {
  if (!key.IsScalar()) {
    fail(key, fmt::format("keys must be plain names, found {}", kind_name(key)));
    return false;
  }
  if (!check_quote(key)) {
    return false;
  }
  const std::string& name = key.Scalar();
  if (keys.empty() || std::find(keys.begin(), keys.end(), name) != keys.end()) {
    return true;
  }
  const std::string where = path.empty() ? "" : fmt::format(" in '{}'", path);
  fail(key, fmt::format("unknown key '{}'{}", shown(name), where), key_hint(name, keys));
  return false;
}

void Reader::each_key(const YAML::Node& node, const std::string& path,
                      const std::vector<std::string>& keys, const KeyVisit& visit) {
  if (!expect_map(node, path)) {
    return;
  }
  std::map<std::string, int> seen;  // key -> line of its first occurrence
  for (auto it = node.begin(); it != node.end() && !failed(); ++it) {
    if (!check_key(it->first, path, keys)) {
      return;
    }
    const std::string& key = it->first.Scalar();
    const auto [first, inserted] = seen.emplace(key, pos_of(it->first).line);
    if (!inserted) {
      fail(it->first, fmt::format("duplicate key '{}'", shown(key)),
           fmt::format("first set on line {}; keep one of them", first->second));
      return;
    }
    visit(it->first, it->second);
  }
}

void Reader::each_item(const YAML::Node& node, const std::string& path,
                       const std::function<void(const YAML::Node&, const std::string&)>& visit) {
  if (!expect_list(node, path)) {
    return;
  }
  std::size_t index = 0;
  for (auto it = node.begin(); it != node.end() && !failed(); ++it, ++index) {
    visit(*it, fmt::format("{}[{}]", path, index));
  }
}

std::optional<Scalar> Reader::literal(const YAML::Node& node, const std::string& path) {
  if (failed() || node.IsNull()) {
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    fail(node, fmt::format("'{}' must be a single value, found {}", path, kind_name(node)),
         "quote it if it is meant as text");
    return std::nullopt;
  }
  if (!check_quote(node)) {
    return std::nullopt;
  }
  m_bytes_read += node.Scalar().size();
  if (m_bytes_read > k_max_read_bytes) {
    fail(node, "config expands to more than 8 MiB of values (through aliases?)",
         "use fewer *alias references to long values");
    return std::nullopt;
  }
  return Scalar{node.Scalar(), node.Scalar(), pos_of(node)};
}

std::optional<Scalar> Reader::scalar(const YAML::Node& node, const std::string& path) {
  std::optional<Scalar> value = literal(node, path);
  if (!value || value->raw.find('$') == std::string::npos) {
    return value;
  }
  auto expanded =
      expand_vars(value->raw, m_env, k_max_read_bytes - std::min(m_bytes_read, k_max_read_bytes));
  if (!expanded) {
    fail(value->pos, fmt::format("'{}': {}", path, expanded.error().message),
         expanded.error().hint);
    return std::nullopt;
  }
  for (std::string& secret : expanded->values) {
    if (std::find(m_sensitive.begin(), m_sensitive.end(), secret) == m_sensitive.end()) {
      m_sensitive.push_back(std::move(secret));
    }
  }
  m_bytes_read += expanded->text.size();
  value->value = std::move(expanded->text);
  return value;
}

void Reader::read(std::string& out, const YAML::Node& node, const std::string& path) {
  if (auto value = scalar(node, path)) {
    out = std::move(value->value);
  }
}

void Reader::read(std::string& out, const YAML::Node& node, const std::string& path,
                  const Shape& shape) {
  std::optional<Scalar> value = scalar(node, path);
  if (!value) {
    return;
  }
  if (!shape.ok(value->value)) {
    fail(value->pos,
         fmt::format("'{}' must be {}, got '{}'", path, shape.expected, shown(value->raw)),
         std::string(shape.hint));
    return;
  }
  out = std::move(value->value);
}

void Reader::read_name(std::string& out, const YAML::Node& node, const std::string& path) {
  std::optional<Scalar> value = literal(node, path);
  if (!value) {
    return;
  }
  if (!is_var_name(value->value)) {
    const bool reference = value->value.find("${") != std::string::npos;
    fail(
        value->pos,
        fmt::format("'{}' must be an environment variable name, got '{}'", path, shown(value->raw)),
        reference ? "give the variable's name (DATABASE_URL), not a ${...} reference"
                  : "names are letters, digits and _, e.g. DATABASE_URL");
    return;
  }
  out = std::move(value->value);
}

void Reader::read(int& out, const YAML::Node& node, const std::string& path, int min, int max) {
  std::optional<Scalar> value = scalar(node, path);
  int number = 0;
  if (value && (!parse_number(value->value, number) || number < min || number > max)) {
    fail(value->pos, fmt::format("'{}' must be an integer {}, got '{}'", path, range_text(min, max),
                                 shown(value->raw)));
    return;
  }
  if (value) {
    out = number;
  }
}

void Reader::read(double& out, const YAML::Node& node, const std::string& path, double min,
                  double max) {
  std::optional<Scalar> value = scalar(node, path);
  double number = 0;
  if (value && (!parse_number(value->value, number) || !std::isfinite(number) || number < min ||
                number > max)) {
    fail(value->pos, fmt::format("'{}' must be a number {}, got '{}'", path, range_text(min, max),
                                 shown(value->raw)));
    return;
  }
  if (value) {
    out = number;
  }
}

void Reader::read(bool& out, const YAML::Node& node, const std::string& path) {
  std::optional<Scalar> value = scalar(node, path);
  if (!value) {
    return;
  }
  const std::string word = to_lower(value->value);
  if (word == "true" || word == "yes" || word == "on") {
    out = true;
  } else if (word == "false" || word == "no" || word == "off") {
    out = false;
  } else {
    fail(value->pos, fmt::format("'{}' must be true or false, got '{}'", path, shown(value->raw)));
  }
}

void Reader::read(std::vector<std::string>& out, const YAML::Node& node, const std::string& path,
                  const Shape* shape) {
  std::vector<std::string> items;
  each_item(node, path, [&](const YAML::Node& item, const std::string& item_path) {
    if (item.IsNull()) {
      fail(item, fmt::format("'{}' is empty", item_path), "remove the empty item");
      return;
    }
    std::string text;
    if (shape != nullptr) {
      read(text, item, item_path, *shape);
    } else {
      read(text, item, item_path);
    }
    items.push_back(std::move(text));
  });
  if (!failed() && node.IsSequence()) {
    out = std::move(items);
  }
}

}  // namespace shipcheck::config
