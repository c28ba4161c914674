// Rule-file loader: YAML → RuleSet, every mistake reported at its file:line:column.
#include "engines/secrets/detector.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fmt/format.h>
#include <pcre2.h>
#include <yaml-cpp/yaml.h>

#include "config/documents.h"
#include "core/text.h"

namespace shipcheck::secrets {
namespace {

constexpr std::string_view k_schema = "shipcheck.secrets/v1";
// Rule files may read secrets-shaped text from users' repositories; cap them like configs.
constexpr std::size_t k_max_rule_file_bytes = 8 * 1024 * 1024;

const std::vector<std::string> k_detector_keys{
    "id",      "rule",          "description",  "regex",    "prefilter",         "group",
    "entropy", "min_length",    "max_length",   "checksum", "placeholder_check", "window",
    "paths",   "file_requires", "base64_value", "allow"};
const std::vector<std::string> k_top_keys{"schema", "allowlist", "detectors"};
const std::vector<std::string> k_allowlist_keys{"paths", "regexes", "stopwords"};

bool is_sec_rule(std::string_view id) {
  if (id.size() != 6 || id.substr(0, 3) != "SEC") {
    return false;
  }
  const int number = (id[3] - '0') * 100 + (id[4] - '0') * 10 + (id[5] - '0');
  return std::all_of(id.begin() + 3, id.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         number >= 1 && number <= 15;
}

bool is_detector_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Why PCRE2 rejects `pattern`, or "" when it compiles; `groups` receives its capture count.
std::string pcre2_problem(const std::string& pattern, std::uint32_t* groups = nullptr) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                 PCRE2_MULTILINE, &code, &offset, nullptr);
  if (re == nullptr) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(code, buffer, sizeof buffer);
    return fmt::format("{} (at offset {} of the pattern)", reinterpret_cast<char*>(buffer), offset);
  }
  if (groups != nullptr) {
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, groups);
  }
  pcre2_code_free(re);
  return {};
}

// Walks the document, keeping the first error (one mistake, one message).
class Loader {
 public:
  explicit Loader(std::string_view file) : m_file(file) {}

  tl::expected<RuleSet, ParseError> load(const YAML::Node& root) {
    if (!root.IsMap()) {
      fail(root, "a rule file is a map with `schema`, `allowlist` and `detectors`");
      return tl::make_unexpected(*m_error);
    }
    keys(root, "", k_top_keys);
    const YAML::Node schema = root["schema"];
    if (!m_error && schema && scalar(schema, "schema") != k_schema) {
      fail(schema, fmt::format("unsupported schema; expected `{}`", k_schema));
    }
    if (const YAML::Node allow = root["allowlist"]; allow && !m_error) {
      read_allowlist(allow);
    }
    if (const YAML::Node detectors = root["detectors"]; detectors && !m_error) {
      read_detectors(detectors);
    }
    if (m_error) {
      return tl::make_unexpected(*m_error);
    }
    return std::move(m_rules);
  }

 private:
  void fail(const YAML::Node& node, std::string message, std::string hint = {}) {
    if (m_error) {
      return;
    }
    const YAML::Mark mark = node.Mark();
    m_error = ParseError{std::string(m_file), mark.is_null() ? 0 : mark.line + 1,
                         mark.is_null() ? 0 : mark.column + 1, std::move(message), std::move(hint)};
  }

  std::string origin(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return fmt::format("{}:{}:{}", m_file, mark.line + 1, mark.column + 1);
  }

  void keys(const YAML::Node& map, const std::string& where,
            const std::vector<std::string>& allowed) {
    std::set<std::string> seen;
    for (const auto& item : map) {
      if (!item.first.IsScalar()) {
        fail(item.first, "keys must be plain words");
        return;
      }
      const std::string key = item.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        const auto near = closest(key, allowed);
        fail(item.first, fmt::format("unknown key `{}{}`", where, key),
             near.empty() ? "" : fmt::format("did you mean `{}`?", near.front()));
        return;
      }
      if (!seen.insert(key).second) {
        fail(item.first, fmt::format("duplicate key `{}{}`", where, key));
        return;
      }
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar()) {
      fail(node, fmt::format("`{}` must be a single value", what));
      return {};
    }
    return node.Scalar();
  }

  std::vector<std::string> list(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (node.IsNull()) {
      return out;
    }
    if (!node.IsSequence()) {
      fail(node, fmt::format("`{}` must be a list", what));
      return out;
    }
    for (const auto& item : node) {
      out.push_back(scalar(item, what));
    }
    return out;
  }

  std::vector<std::string> regex_list(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out = list(node, what);
    for (std::size_t i = 0; i < out.size() && !m_error; ++i) {
      if (const std::string problem = pcre2_problem(out[i]); !problem.empty()) {
        fail(node[i], fmt::format("`{}` regex does not compile: {}", what, problem));
      }
    }
    return out;
  }

  double number(const YAML::Node& node, const std::string& what, double min, double max) {
    const std::string text = scalar(node, what);
    if (m_error) {
      return 0;
    }
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || text.empty() || !(value >= min && value <= max)) {
      fail(node, fmt::format("`{}` must be a number from {} to {}", what, min, max));
    }
    return value;
  }

  bool boolean(const YAML::Node& node, const std::string& what) {
    const std::string text = scalar(node, what);
    if (text == "true") {
      return true;
    }
    if (text != "false") {
      fail(node, fmt::format("`{}` must be true or false", what));
    }
    return false;
  }

  void read_allowlist(const YAML::Node& node) {
    if (!node.IsMap()) {
      fail(node, "`allowlist` must be a map of paths, regexes and stopwords");
      return;
    }
    keys(node, "allowlist.", k_allowlist_keys);
    Allowlist& allow = m_rules.allowlist;
    if (node["paths"]) {
      allow.paths = list(node["paths"], "allowlist.paths");
    }
    if (node["regexes"]) {
      allow.regexes = regex_list(node["regexes"], "allowlist.regexes");
    }
    if (node["stopwords"]) {
      allow.stopwords = list(node["stopwords"], "allowlist.stopwords");
      for (auto& word : allow.stopwords) {
        word = to_lower(word);
      }
    }
  }

  void read_detectors(const YAML::Node& node) {
    if (!node.IsSequence()) {
      fail(node, "`detectors` must be a list");
      return;
    }
    std::set<std::string> ids;
    for (const auto& item : node) {
      Detector d = read_detector(item);
      if (m_error) {
        return;
      }
      if (!ids.insert(d.id).second) {
        fail(item["id"], fmt::format("duplicate detector id `{}`", d.id));
        return;
      }
      m_rules.detectors.push_back(std::move(d));
    }
  }

  Detector read_detector(const YAML::Node& node) {
    Detector d;
    if (!node.IsMap()) {
      fail(node, "a detector is a map with at least id, rule, description and regex");
      return d;
    }
    keys(node, "", k_detector_keys);
    for (const char* required : {"id", "rule", "description", "regex"}) {
      if (!m_error && !node[required]) {
        fail(node, fmt::format("detector is missing `{}`", required));
      }
    }
    if (m_error) {
      return d;
    }
    d.origin = origin(node);
    d.id = scalar(node["id"], "id");
    if (!m_error && !is_detector_id(d.id)) {
      fail(node["id"], "a detector id is lower-case letters, digits and '-'");
    }
    d.rule = scalar(node["rule"], "rule");
    if (!m_error && !is_sec_rule(d.rule)) {
      fail(node["rule"], fmt::format("unknown rule `{}`", d.rule), "one of SEC001 ... SEC015");
    }
    d.description = scalar(node["description"], "description");
    read_patterns(node, d);
    read_filters(node, d);
    return d;
  }

  void read_patterns(const YAML::Node& node, Detector& d) {
    d.regex = scalar(node["regex"], "regex");
    std::uint32_t groups = 0;
    if (!m_error) {
      if (const std::string problem = pcre2_problem(d.regex, &groups); !problem.empty()) {
        fail(node["regex"], fmt::format("regex does not compile: {}", problem));
      }
    }
    if (node["group"]) {
      d.group = static_cast<int>(number(node["group"], "group", 0, 9));
    } else if (groups == 0) {
      d.group = 0;
    }
    if (!m_error && static_cast<std::uint32_t>(d.group) > groups) {
      fail(node["group"] ? node["group"] : node["regex"],
           fmt::format("the regex has {} capture group(s); group {} does not exist", groups,
                       d.group));
    }
    if (node["prefilter"]) {
      d.prefilter = scalar(node["prefilter"], "prefilter");
    }
    if (node["file_requires"]) {
      d.file_requires = scalar(node["file_requires"], "file_requires");
      if (const std::string problem = pcre2_problem(d.file_requires);
          !m_error && !problem.empty()) {
        fail(node["file_requires"], fmt::format("file_requires does not compile: {}", problem));
      }
    }
    if (node["window"]) {
      d.window = static_cast<std::size_t>(number(node["window"], "window", 0, 65536));
    }
    if (node["paths"]) {
      d.paths = list(node["paths"], "paths");
    }
  }

  void read_filters(const YAML::Node& node, Detector& d) {
    if (node["entropy"]) {
      d.entropy = number(node["entropy"], "entropy", 0, 8);
    }
    if (node["min_length"]) {
      d.min_length = static_cast<std::size_t>(number(node["min_length"], "min_length", 0, 4096));
    }
    if (node["max_length"]) {
      d.max_length = static_cast<std::size_t>(number(node["max_length"], "max_length", 0, 65536));
    }
    if (node["checksum"]) {
      const std::string name = scalar(node["checksum"], "checksum");
      if (name == "crc32_base62") {
        d.checksum = Checksum::crc32_base62;
      } else if (name == "jwt") {
        d.checksum = Checksum::jwt;
      } else if (!m_error) {
        fail(node["checksum"], fmt::format("unknown checksum `{}`", name), "crc32_base62 or jwt");
      }
    }
    if (node["placeholder_check"]) {
      d.placeholder_check = boolean(node["placeholder_check"], "placeholder_check");
    }
    if (node["base64_value"]) {
      d.base64_value = boolean(node["base64_value"], "base64_value");
    }
    if (node["allow"]) {
      d.allow = regex_list(node["allow"], "allow");
    }
  }

  std::string_view m_file;
  RuleSet m_rules;
  std::optional<ParseError> m_error;
};

}  // namespace

tl::expected<RuleSet, ParseError> load_rules_text(std::string_view yaml,
                                                  std::string_view file_name) {
  if (yaml.size() > k_max_rule_file_bytes) {
    return tl::make_unexpected(
        ParseError{std::string(file_name), 0, 0, "rule file is larger than 8 MiB", ""});
  }
  if (trim(yaml).empty()) {
    return tl::make_unexpected(ParseError{std::string(file_name), 1, 1, "empty rule file",
                                          "a rule file holds `schema` and `detectors`"});
  }
  auto document = config::parse_single_document(yaml, file_name);
  if (!document) {
    return tl::make_unexpected(document.error());
  }
  try {
    return Loader(file_name).load(*document);
  } catch (const YAML::Exception& e) {
    return tl::make_unexpected(
        ParseError{std::string(file_name), e.mark.line + 1, e.mark.column + 1, e.msg, ""});
  }
}

tl::expected<RuleSet, ParseError> load_rules_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return tl::make_unexpected(ParseError{path, 0, 0, "cannot read the rule file", ""});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_rules_text(text.str(), path);
}

const RuleSet& builtin_rules() {
  // The embedded file is tested in CI, so failing to load it is a build defect.
  static const RuleSet rules = [] {
    auto loaded = load_rules_text(builtin_rules_text(), "rules/secrets.yaml");
    if (!loaded) {
      throw std::logic_error("built-in rules: " + loaded.error().to_string());
    }
    return std::move(*loaded);
  }();
  return rules;
}

void merge_rules(RuleSet& base, RuleSet extra) {
  for (auto& d : extra.detectors) {
    auto same = std::find_if(base.detectors.begin(), base.detectors.end(),
                             [&](const Detector& b) { return b.id == d.id; });
    if (same != base.detectors.end()) {
      *same = std::move(d);
    } else {
      base.detectors.push_back(std::move(d));
    }
  }
  auto append = [](std::vector<std::string>& to, std::vector<std::string>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(base.allowlist.paths, extra.allowlist.paths);
  append(base.allowlist.regexes, extra.allowlist.regexes);
  append(base.allowlist.stopwords, extra.allowlist.stopwords);
}

}  // namespace shipcheck::secrets
