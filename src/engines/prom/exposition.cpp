// Parser of the Prometheus text exposition format 0.0.4 (see exposition.h).
#include "engines/prom/exposition.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <unordered_map>

#include <fmt/format.h>

namespace shipcheck::prom {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_name_start(char c, bool colon_allowed) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (colon_allowed && c == ':');
}

bool is_name_char(char c, bool colon_allowed) {
  return is_name_start(c, colon_allowed) || (c >= '0' && c <= '9');
}

bool has_suffix(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::optional<MetricType> type_named(std::string_view word) {
  static constexpr std::pair<std::string_view, MetricType> k_types[] = {
      {"counter", MetricType::counter},
      {"gauge", MetricType::gauge},
      {"histogram", MetricType::histogram},
      {"summary", MetricType::summary},
      {"untyped", MetricType::untyped}};
  for (const auto& [name, type] : k_types) {
    if (word == name) {
      return type;
    }
  }
  return std::nullopt;
}

// A parse failure at a byte offset of the current line; turned into a ParseError there.
struct ExpoFailure {
  std::size_t offset = 0;
  std::string message;
};

// Reads one line left to right. Every method either advances or reports an ExpoFailure.
class ExpoCursor {
 public:
  explicit ExpoCursor(std::string_view line) : m_line(line) {}

  bool at_end() const { return m_at >= m_line.size(); }
  char peek() const { return at_end() ? '\0' : m_line[m_at]; }
  std::size_t offset() const { return m_at; }
  void advance() { ++m_at; }
  void skip_blanks() {
    while (!at_end() && is_blank(m_line[m_at])) {
      ++m_at;
    }
  }
  std::string_view rest() const { return m_line.substr(std::min(m_at, m_line.size())); }
  // The run of non-blank characters from here.
  std::string_view word() {
    const std::size_t start = m_at;
    while (!at_end() && !is_blank(m_line[m_at])) {
      ++m_at;
    }
    return m_line.substr(start, m_at - start);
  }
  tl::expected<std::string_view, ExpoFailure> name(bool metric) {
    const std::size_t start = m_at;
    if (!is_name_start(peek(), metric)) {
      return fail(metric ? "expected a metric name" : "expected a label name");
    }
    while (!at_end() && is_name_char(m_line[m_at], metric)) {
      ++m_at;
    }
    return m_line.substr(start, m_at - start);
  }
  tl::unexpected<ExpoFailure> fail(std::string message) const {
    return tl::unexpected(ExpoFailure{m_at, std::move(message)});
  }

 private:
  std::string_view m_line;
  std::size_t m_at = 0;
};

// A label value after its opening quote, up to and past the closing one; \\ \" \n unescaped.
tl::expected<std::string, ExpoFailure> quoted_value(ExpoCursor& in) {
  std::string value;
  while (!in.at_end()) {
    const char c = in.peek();
    if (c == '"') {
      in.advance();
      return value;
    }
    if (c == '\\') {
      in.advance();
      const char escaped = in.peek();
      if (escaped != '\\' && escaped != '"' && escaped != 'n') {
        return in.fail("invalid escape in a label value (only \\\\, \\\" and \\n)");
      }
      value += escaped == 'n' ? '\n' : escaped;
    } else {
      value += c;
    }
    in.advance();
  }
  return in.fail("unterminated label value");
}

tl::expected<std::pair<std::string, std::string>, ExpoFailure> one_label(ExpoCursor& in) {
  auto name = in.name(false);
  if (!name) {
    return tl::unexpected(name.error());
  }
  in.skip_blanks();
  if (in.peek() != '=') {
    return in.fail("expected '=' after the label name");
  }
  in.advance();
  in.skip_blanks();
  if (in.peek() != '"') {
    return in.fail("expected '\"' to open the label value");
  }
  in.advance();
  auto value = quoted_value(in);
  if (!value) {
    return tl::unexpected(value.error());
  }
  return std::pair{std::string(*name), std::move(*value)};
}

// `{a="1",b="2"}` (a trailing comma allowed), cursor on the '{'. Labels come back sorted.
tl::expected<Labels, ExpoFailure> label_set(ExpoCursor& in) {
  Labels labels;
  in.advance();
  for (in.skip_blanks(); in.peek() != '}'; in.skip_blanks()) {
    const std::size_t start = in.offset();
    auto label = one_label(in);
    if (!label) {
      return tl::unexpected(label.error());
    }
    for (const auto& [name, value] : labels) {
      if (name == label->first) {
        return tl::unexpected(ExpoFailure{start, fmt::format("label {} repeated", name)});
      }
    }
    if (labels.size() == k_max_labels) {
      return in.fail(fmt::format("more than {} labels", k_max_labels));
    }
    labels.push_back(std::move(*label));
    in.skip_blanks();
    if (in.peek() == ',') {
      in.advance();
    } else if (in.peek() != '}') {
      return in.fail(in.at_end() ? "unterminated label set" : "expected ',' or '}'");
    }
  }
  in.advance();
  std::sort(labels.begin(), labels.end());
  return labels;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// `name[{labels}] value [timestamp]`.
tl::expected<Sample, ExpoFailure> sample_line(ExpoCursor& in) {
  Sample sample;
  auto name = in.name(true);
  if (!name) {
    return tl::unexpected(name.error());
  }
  sample.name = std::string(*name);
  if (!in.at_end() && !is_blank(in.peek()) && in.peek() != '{') {
    return in.fail("expected a blank or '{' after the metric name");
  }
  in.skip_blanks();
  if (in.peek() == '{') {
    auto labels = label_set(in);
    if (!labels) {
      return tl::unexpected(labels.error());
    }
    sample.labels = std::move(*labels);
    in.skip_blanks();
  }
  const std::size_t value_at = in.offset();
  const std::string_view value_text = in.word();
  const auto value = parse_value(value_text);
  if (!value) {
    return tl::unexpected(ExpoFailure{
        value_at, value_text.empty() ? "expected a value" : "the value is not a number"});
  }
  sample.value = *value;
  in.skip_blanks();
  if (!in.at_end()) {
    const std::size_t time_at = in.offset();
    sample.timestamp_ms = parse_timestamp(in.word());
    if (!sample.timestamp_ms) {
      return tl::unexpected(ExpoFailure{time_at, "the timestamp is not an integer (ms)"});
    }
    in.skip_blanks();
    if (!in.at_end()) {
      return in.fail("unexpected text after the timestamp");
    }
  }
  return sample;
}

std::string unescape_help(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
      out += text[++i] == 'n' ? '\n' : '\\';
    } else {
      out += text[i];  // other backslashes kept as written: HELP is for people
    }
  }
  return out;
}

// The state of one parse: families seen, samples so far.
class ExpoParser {
 public:
  tl::expected<Exposition, ParseError> run(std::string_view text);

 private:
  tl::expected<void, ExpoFailure> parse_line(std::string_view text);
  tl::expected<void, ExpoFailure> comment(ExpoCursor& in);
  tl::expected<void, ExpoFailure> check_sample(const Sample& sample, std::size_t at);
  Family& family(std::string_view name);
  // The family a sample belongs to: its own name's, or a histogram's or summary's whose
  // name it extends with _bucket, _sum or _count.
  const Family* family_of(std::string_view sample_name) const;

  Exposition m_result;
  std::unordered_map<std::string, std::size_t> m_family_index;
  std::unordered_map<std::string, bool> m_typed;  // names given a # TYPE
  std::unordered_map<std::string, bool> m_helped;
  std::unordered_map<std::string, bool> m_has_samples;  // families whose samples began
};

tl::expected<Exposition, ParseError> ExpoParser::run(std::string_view text) {
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.size() > k_max_line_bytes) {
      return tl::unexpected(ParseError{"", line_number, static_cast<int>(k_max_line_bytes) + 1,
                                       fmt::format("line longer than {} bytes", k_max_line_bytes),
                                       ""});
    }
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (auto ok = parse_line(line); !ok) {
      return tl::unexpected(ParseError{"", line_number, static_cast<int>(ok.error().offset) + 1,
                                       ok.error().message, ""});
    }
  }
  return std::move(m_result);
}

tl::expected<void, ExpoFailure> ExpoParser::parse_line(std::string_view text) {
  ExpoCursor in(text);
  in.skip_blanks();
  if (in.at_end()) {
    return {};
  }
  if (in.peek() == '#') {
    return comment(in);
  }
  const std::size_t start = in.offset();
  auto sample = sample_line(in);
  if (!sample) {
    return tl::unexpected(sample.error());
  }
  if (auto ok = check_sample(*sample, start); !ok) {
    return ok;
  }
  if (m_result.samples.size() == k_max_samples) {
    return tl::unexpected(ExpoFailure{start, fmt::format("more than {} samples", k_max_samples)});
  }
  m_result.samples.push_back(std::move(*sample));
  return {};
}

tl::expected<void, ExpoFailure> ExpoParser::comment(ExpoCursor& in) {
  in.advance();
  in.skip_blanks();
  const std::string_view keyword = in.word();
  if (keyword != "HELP" && keyword != "TYPE") {
    return {};  // an ordinary comment
  }
  in.skip_blanks();
  auto name = in.name(true);
  if (!name) {
    return tl::unexpected(name.error());
  }
  if (!in.at_end() && !is_blank(in.peek())) {
    return in.fail("expected a blank after the metric name");
  }
  const std::string key(*name);
  if (keyword == "HELP") {
    if (m_helped[key]) {
      return in.fail(fmt::format("second HELP line for {}", key));
    }
    m_helped[key] = true;
    if (!in.at_end()) {
      in.advance();  // the one blank that separates; the docstring may start with more
    }
    family(key).help = unescape_help(in.rest());
    return {};
  }
  in.skip_blanks();
  const std::size_t type_at = in.offset();
  const std::string_view word = in.word();
  const auto type = type_named(word);
  if (!type) {
    return tl::unexpected(ExpoFailure{type_at, fmt::format("unknown metric type '{}'", word)});
  }
  in.skip_blanks();
  if (!in.at_end()) {
    return in.fail("unexpected text after the metric type");
  }
  if (m_typed[key]) {
    return tl::unexpected(ExpoFailure{type_at, fmt::format("second TYPE line for {}", key)});
  }
  if (m_has_samples[key]) {
    return tl::unexpected(
        ExpoFailure{type_at, fmt::format("TYPE line for {} after its samples", key)});
  }
  m_typed[key] = true;
  family(key).type = *type;
  return {};
}

Family& ExpoParser::family(std::string_view name) {
  const auto [it, added] = m_family_index.try_emplace(std::string(name), m_result.families.size());
  if (added) {
    m_result.families.push_back(Family{std::string(name), MetricType::untyped, ""});
  }
  return m_result.families[it->second];
}

const Family* ExpoParser::family_of(std::string_view sample_name) const {
  const auto lookup = [this](std::string_view name) -> const Family* {
    const auto it = m_family_index.find(std::string(name));
    return it == m_family_index.end() ? nullptr : &m_result.families[it->second];
  };
  for (const std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (has_suffix(sample_name, suffix)) {
      const Family* base = lookup(sample_name.substr(0, sample_name.size() - suffix.size()));
      if (base != nullptr && (base->type == MetricType::histogram ||
                              (base->type == MetricType::summary && suffix != "_bucket"))) {
        return base;
      }
    }
  }
  return lookup(sample_name);
}

tl::expected<void, ExpoFailure> ExpoParser::check_sample(const Sample& sample, std::size_t at) {
  const Family* owner = family_of(sample.name);
  if (owner == nullptr) {
    m_has_samples[sample.name] = true;
    return {};
  }
  m_has_samples[owner->name] = true;
  const bool bucket = owner->type == MetricType::histogram && has_suffix(sample.name, "_bucket");
  const bool quantile = owner->type == MetricType::summary && sample.name == owner->name;
  const std::string_view label = bucket ? "le" : quantile ? "quantile" : "";
  if (!label.empty()) {
    const auto it = std::find_if(sample.labels.begin(), sample.labels.end(),
                                 [&](const auto& l) { return l.first == label; });
    if (it == sample.labels.end() || !parse_value(it->second)) {
      return tl::unexpected(
          ExpoFailure{at, fmt::format("{} sample {} needs a numeric '{}' label",
                                      to_string(owner->type), sample.name, label)});
    }
  }
  return {};
}

}  // namespace

std::string_view Sample::label(std::string_view label_name) const {
  for (const auto& [name, value] : labels) {
    if (name == label_name) {
      return value;
    }
  }
  return {};
}

std::string_view to_string(MetricType type) {
  switch (type) {
    case MetricType::counter:
      return "counter";
    case MetricType::gauge:
      return "gauge";
    case MetricType::histogram:
      return "histogram";
    case MetricType::summary:
      return "summary";
    case MetricType::untyped:
      break;
  }
  return "untyped";
}

const Family* Exposition::family(std::string_view name) const {
  for (const auto& f : families) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

std::optional<double> parse_value(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.front() == '+' || text.front() == '-') {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) {
    return std::nullopt;
  }
  if (error == std::errc::result_out_of_range) {
    // Go's ParseFloat gives Inf or 0 for out-of-range literals, as strtod does (the
    // literal is plain digits, so the locale's decimal point cannot differ from '.').
    value = std::strtod(std::string(text).c_str(), nullptr);
  } else if (error != std::errc()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

tl::expected<Exposition, ParseError> parse_exposition(std::string_view text) {
  return ExpoParser().run(text);
}

}  // namespace shipcheck::prom
