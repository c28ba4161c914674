// shipcheck.yaml's smoke requests, health assertions and rate-limit burst. Every assertion,
// regular expression and {{capture}} reference is checked here, so that a typo stops the run
// with its line and column instead of failing a check against production.
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "config/sections.h"
#include "config/values.h"
#include "core/text.h"
#include "engines/http/json_assert.h"
#include "engines/secrets/regex.h"

namespace shipcheck::config {
namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

constexpr int k_max_json_depth = 32;

bool is_method(std::string_view text) {
  for (std::string_view m : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (text == m) {
      return true;
    }
  }
  return false;
}

bool is_header_name(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (const char c : text) {
    const bool token = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                       std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token) {
      return false;
    }
  }
  return true;
}

bool is_one_line(std::string_view text) {
  return text.find_first_of("\r\n") == std::string_view::npos;
}

const Shape k_method_shape{is_method, "an HTTP method",
                           "GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS"};
const Shape k_var_shape{is_var_name, "a name of letters, digits and '_'", "e.g. task_id"};
const Shape k_header_value_shape{is_one_line, "a header value on one line", "remove line breaks"};

void read_regex(R& r, const N& node, const P& path, std::string& out) {
  r.read(out, node, path);
  if (r.failed() || out.empty()) {
    return;
  }
  try {
    secrets::Regex compiled(out);
  } catch (const std::invalid_argument& e) {
    r.fail(node, fmt::format("'{}' is not a regular expression: {}", path, e.what()),
           "PCRE syntax, e.g. \"^application/json\"");
  }
}

void read_status(R& r, const N& node, const P& path, std::vector<int>& out) {
  if (node.IsSequence()) {
    r.each_item(node, path, [&](const N& item, const P& item_path) {
      int code = 0;
      r.read(code, item, item_path, 100, 599);
      out.push_back(code);
    });
    return;
  }
  int code = 0;
  r.read(code, node, path, 100, 599);
  if (!r.failed() && !node.IsNull()) {
    out.push_back(code);
  }
}

// A plain YAML scalar as JSON: true/false, null, numbers; anything else is a string, as is
// every quoted scalar.
nlohmann::json typed_scalar(const Scalar& scalar, bool plain) {
  if (plain) {
    const std::string& v = scalar.value;
    if (v == "true" || v == "false") {
      return v == "true";
    }
    if (v == "null" || v == "~") {
      return nullptr;
    }
    auto number = nlohmann::json::parse(v, nullptr, false);
    if (!number.is_discarded() && number.is_number()) {
      return number;
    }
  }
  return scalar.value;
}

nlohmann::json yaml_to_json(R& r, const N& node, const P& path, int depth) {
  if (depth > k_max_json_depth) {
    r.fail(node, fmt::format("'{}' nests deeper than {} levels", path, k_max_json_depth));
    return nullptr;
  }
  if (node.IsMap()) {
    nlohmann::json object = nlohmann::json::object();
    r.each_key(node, path, {}, [&](const N& key, const N& value) {
      object[key.Scalar()] = yaml_to_json(r, value, join_path(path, key.Scalar()), depth + 1);
    });
    return object;
  }
  if (node.IsSequence()) {
    nlohmann::json array = nlohmann::json::array();
    r.each_item(node, path, [&](const N& item, const P& item_path) {
      array.push_back(yaml_to_json(r, item, item_path, depth + 1));
    });
    return array;
  }
  const auto scalar = r.scalar(node, path);
  return scalar ? typed_scalar(*scalar, node.Tag() == "?") : nlohmann::json(nullptr);
}

// `json:` is a YAML value sent as JSON, or a string of JSON text.
void read_json_body(R& r, const N& node, const P& path, SmokeStep& out) {
  out.json_body = true;
  if (node.IsScalar() && node.Tag() != "?") {
    std::string text;
    r.read(text, node, path);
    if (!r.failed() && nlohmann::json::parse(text, nullptr, false).is_discarded()) {
      r.fail(node, fmt::format("'{}' is not JSON text", path),
             "write the body as YAML (json: {title: smoke}) or as valid JSON");
    }
    out.body = text;
    return;
  }
  out.body = yaml_to_json(r, node, path, 0).dump();
}

void read_capture(R& r, const N& node, const P& path, SmokeStep& out) {
  r.each_key(node, path, {}, [&](const N& key, const N& value) {
    const std::string item = join_path(path, key.Scalar());
    if (!is_var_name(key.Scalar())) {
      r.fail(key, fmt::format("'{}' is not a capture name", shown(key.Scalar())),
             k_var_shape.hint.data());
      return;
    }
    std::string text;
    r.read(text, value, item);
    if (r.failed()) {
      return;
    }
    if (const auto path_parsed = http::parse_json_path(text); !path_parsed) {
      r.fail(column_in(value, path_parsed.error().column),
             fmt::format("'{}': {}", item, path_parsed.error().message), "e.g. $.id");
      return;
    }
    out.capture.emplace_back(key.Scalar(), text);
  });
}

const std::vector<Field<SmokeExpect>> k_expect_fields{
    {"status",
     [](R& r, const N& n, const P& p, SmokeExpect& o) { read_status(r, n, p, o.status); }},
    {"duration", [](R& r, const N& n, const P& p,
                    SmokeExpect& o) { r.read(o.duration, n, p, k_duration_shape); }},
    {"headers",
     [](R& r, const N& n, const P& p, SmokeExpect& o) { read_headers(r, n, p, o.headers, true); }},
    {"json",
     [](R& r, const N& n, const P& p, SmokeExpect& o) { read_assertions(r, n, p, o.json); }},
    {"body", [](R& r, const N& n, const P& p, SmokeExpect& o) { read_regex(r, n, p, o.body); }},
};

const std::vector<Field<SmokeStep>> k_step_fields{
    {"name", [](R& r, const N& n, const P& p, SmokeStep& o) { r.read(o.name, n, p); }},
    {"method",
     [](R& r, const N& n, const P& p, SmokeStep& o) { r.read(o.method, n, p, k_method_shape); }},
    {"path",
     [](R& r, const N& n, const P& p, SmokeStep& o) { r.read(o.path, n, p, k_url_path_shape); }},
    {"headers",
     [](R& r, const N& n, const P& p, SmokeStep& o) { read_headers(r, n, p, o.headers, false); }},
    {"auth", [](R& r, const N& n, const P& p, SmokeStep& o) { r.read(o.auth, n, p); }},
    {"json", read_json_body},
    {"body", [](R& r, const N& n, const P& p, SmokeStep& o) { r.read(o.body, n, p); }},
    {"expect", [](R& r, const N& n, const P& p,
                  SmokeStep& o) { read_fields(r, n, p, k_expect_fields, o.expect); }},
    {"capture", read_capture},
};

// The {{name}} references in `text`, in order.
std::vector<std::string> references_in(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t at = text.find("{{"); at != std::string_view::npos;
       at = text.find("{{", at + 2)) {
    const std::size_t end = text.find("}}", at + 2);
    if (end == std::string_view::npos) {
      break;
    }
    names.emplace_back(text.substr(at + 2, end - at - 2));
  }
  return names;
}

// Every {{name}} of the step must have been captured by an earlier step.
void check_references(R& r, const N& node, const P& path, const SmokeStep& step,
                      const std::set<std::string>& captured) {
  std::vector<std::string> texts{step.path, step.body};
  for (const auto& [name, value] : step.headers) {
    texts.push_back(value);
  }
  for (const auto& text : texts) {
    for (const auto& name : references_in(text)) {
      if (!captured.contains(name)) {
        r.fail(
            node,
            fmt::format("'{}' uses {{{{{}}}}}, which no earlier step captures", path, shown(name)),
            "capture it in an earlier step: capture: {task_id: $.id}");
        return;
      }
    }
  }
}

void check_step(R& r, const N& node, const P& path, const SmokeStep& step,
                std::set<std::string>& names, std::set<std::string>& captured) {
  if (step.name.empty()) {
    r.fail(node, fmt::format("'{}' needs a name", path), "e.g. name: create a task");
  } else if (!names.insert(step.name).second) {
    r.fail(node, fmt::format("'{}': another step is already named '{}'", path, shown(step.name)));
  } else if (step.path.empty()) {
    r.fail(node, fmt::format("'{}' needs a path", path), "e.g. path: /api/tasks");
  } else if (node["json"] && node["body"]) {
    r.fail(node, fmt::format("'{}' has both json and body", path), "keep one of them");
  }
  check_references(r, node, path, step, captured);
  for (const auto& [name, json_path] : step.capture) {
    captured.insert(name);
  }
}

}  // namespace

void read_headers(Reader& r, const YAML::Node& node, const std::string& path, HeaderList& out,
                  bool regex_values) {
  r.each_key(node, path, {}, [&](const N& key, const N& value) {
    const std::string item = join_path(path, key.Scalar());
    if (!is_header_name(key.Scalar())) {
      r.fail(key, fmt::format("'{}' is not a header name", shown(key.Scalar())),
             "letters, digits and -, e.g. Content-Type");
      return;
    }
    std::string text;
    if (regex_values) {
      read_regex(r, value, item, text);
    } else {
      r.read(text, value, item, k_header_value_shape);
    }
    out.emplace_back(regex_values ? to_lower(key.Scalar()) : key.Scalar(), text);
  });
}

void read_assertions(Reader& r, const YAML::Node& node, const std::string& path,
                     std::vector<std::string>& out) {
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    std::string text;
    r.read(text, item, item_path);
    if (r.failed()) {
      return;
    }
    if (const auto parsed = http::parse_assertion(text); !parsed) {
      r.fail(column_in(item, parsed.error().column),
             fmt::format("'{}': {}", item_path, parsed.error().message),
             "e.g. '$.status == \"healthy\"', '$.items[0].id exists', 'length($.items) > 0'");
      return;
    }
    out.push_back(text);
  });
}

void read_smoke(Reader& r, const YAML::Node& node, const std::string& path, Config& out) {
  std::set<std::string> names;
  std::set<std::string> captured;
  r.each_item(node, path, [&](const N& item, const P& item_path) {
    SmokeStep step;
    step.pos = pos_of(item);
    if (!r.expect_map(item, item_path)) {
      return;
    }
    read_fields(r, item, item_path, k_step_fields, step);
    if (!r.failed()) {
      check_step(r, item, item_path, step, names, captured);
    }
    out.smoke.push_back(std::move(step));
  });
}

}  // namespace shipcheck::config
