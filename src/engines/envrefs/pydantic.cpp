// pydantic settings: a BaseSettings subclass reads one variable per field.
#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "engines/envrefs/source_text.h"

namespace shipcheck::envrefs {
namespace {

struct Line {
  std::size_t begin;  // offset of the first character
  std::size_t end;    // offset of the '\n' (or the text's end)
  std::size_t indent;
  bool blank;  // only spaces in code: empty, a comment or inside a docstring
};

std::vector<Line> split_lines(std::string_view code) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin <= code.size()) {
    std::size_t end = code.find('\n', begin);
    end = end == std::string_view::npos ? code.size() : end;
    const std::string_view view = code.substr(begin, end - begin);
    const std::size_t indent = std::min(view.find_first_not_of(" \t"), view.size());
    lines.push_back(Line{begin, end, indent, trim(view).empty()});
    begin = end + 1;
  }
  return lines;
}

bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t pos = text.find(word); pos != std::string_view::npos;
       pos = text.find(word, pos + 1)) {
    const bool left = pos == 0 || !is_ident_char(text[pos - 1]);
    const std::size_t after = pos + word.size();
    if (left && (after >= text.size() || !is_ident_char(text[after]))) {
      return true;
    }
  }
  return false;
}

bool is_settings_class(std::string_view line) {
  const std::string_view stripped = trim(line);
  return stripped.rfind("class ", 0) == 0 && has_word(stripped, "BaseSettings") &&
         !stripped.empty() && stripped.back() == ':';
}

// The string after `env_prefix` (`env_prefix = "APP_"`, `env_prefix="APP_"` or
// `"env_prefix": "APP_"`) within [begin, end), or "".
std::string find_env_prefix(const SourceText& src, std::size_t begin, std::size_t end) {
  const std::string_view text = src.text().substr(0, end);
  const std::size_t key = text.find("env_prefix", begin);
  if (key == std::string_view::npos) {
    return {};
  }
  std::size_t p = key + 10;
  p += (p < end && (text[p] == '"' || text[p] == '\'')) ? 1 : 0;
  p = src.skip_space(p);
  if (p >= end || (text[p] != '=' && text[p] != ':')) {
    return {};
  }
  std::size_t after = 0;
  return src.literal_at(src.skip_space(p + 1), after).value_or("");
}

// Field(...) arguments: whether a default is given, and an alias if one is a literal.
struct FieldCall {
  bool has_default = false;
  std::string alias;
};

FieldCall analyse_field_call(const SourceText& src, std::size_t open) {
  const std::string_view code = src.code();
  FieldCall call;
  int depth = 0;
  std::size_t arg = open + 1;
  bool first = true;
  const std::size_t limit = std::min(code.size(), open + k_max_call_chars);
  for (std::size_t i = open; i < limit; ++i) {
    const char c = code[i];
    depth += (c == '(' || c == '[' || c == '{') ? 1 : 0;
    depth -= (c == ')' || c == ']' || c == '}') ? 1 : 0;
    if ((c == ',' && depth == 1) || depth == 0) {
      const std::string_view text = trim(code.substr(arg, i - arg));
      const std::size_t eq = text.find('=');
      if (eq != std::string_view::npos && text.compare(eq, 2, "==") != 0) {
        const std::string_view key = trim(text.substr(0, eq));
        call.has_default |= key == "default" || key == "default_factory";
        if (key == "alias" || key == "validation_alias" || key == "env") {
          std::size_t after = 0;
          const auto text_pos = static_cast<std::size_t>(text.data() - code.data());
          const std::size_t value = src.skip_space(text_pos + eq + 1);
          call.alias = src.literal_at(value, after).value_or(call.alias);
        }
      } else if (first && !text.empty()) {
        call.has_default |= text != "..." && text != "PydanticUndefined";
        first = false;
      }
      arg = i + 1;
    }
    if (depth == 0) {
      break;
    }
  }
  return call;
}

// Offset of the `=` that assigns a default, outside brackets (Annotated[..., Field(x=1)]).
std::size_t top_level_assignment(std::string_view rest) {
  int depth = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    depth += (rest[i] == '[' || rest[i] == '(') ? 1 : 0;
    depth -= (rest[i] == ']' || rest[i] == ')') ? 1 : 0;
    if (depth == 0 && rest[i] == '=') {
      return i;
    }
  }
  return std::string_view::npos;
}

// One `name: annotation [= value]` line of a settings class body, if it is a field.
std::optional<EnvRef> parse_field(const SourceText& src, const Line& line, std::string_view prefix,
                                  std::string_view file) {
  const std::string_view code = src.code();
  std::size_t p = line.begin + line.indent;
  const std::size_t name_begin = p;
  while (p < line.end && is_ident_char(code[p])) {
    ++p;
  }
  const std::string_view name = code.substr(name_begin, p - name_begin);
  p = src.skip_space(p);
  if (name.empty() || name.front() == '_' || name == "model_config" || p >= line.end ||
      code[p] != ':') {
    return std::nullopt;
  }
  const std::string_view rest = code.substr(p + 1, line.end - p - 1);
  if (trim(rest).rfind("ClassVar", 0) == 0) {
    return std::nullopt;
  }
  const std::size_t eq = top_level_assignment(rest);
  EnvRef ref{to_upper(std::string(prefix) + std::string(name)), std::string(file),
             src.line_of(line.begin), false};
  if (eq == std::string_view::npos) {
    return ref;
  }
  const std::size_t value = src.skip_space(p + 1 + eq + 1);
  const std::size_t open = src.skip_space(value + 5);
  if (code.compare(value, 5, "Field") == 0 && open < code.size() && code[open] == '(') {
    const FieldCall call = analyse_field_call(src, open);
    ref.has_default = call.has_default;
    ref.name = call.alias.empty() ? ref.name : to_upper(call.alias);
  } else {
    ref.has_default = true;
  }
  return ref;
}

// Fields of the class whose header is lines[header]; appends them to refs.
void scan_class(const SourceText& src, const std::vector<Line>& lines, std::size_t header,
                std::string_view file, std::vector<EnvRef>& refs) {
  std::size_t last = header;
  std::size_t body_indent = 0;
  for (std::size_t i = header + 1; i < lines.size(); ++i) {
    if (lines[i].blank) {
      continue;
    }
    if (lines[i].indent <= lines[header].indent) {
      break;
    }
    body_indent = body_indent == 0 ? lines[i].indent : body_indent;
    last = i;
  }
  if (last == header) {
    return;
  }
  const std::string prefix = find_env_prefix(src, lines[header + 1].begin, lines[last].end);
  for (std::size_t i = header + 1; i <= last; ++i) {
    if (!lines[i].blank && lines[i].indent == body_indent) {
      if (auto ref = parse_field(src, lines[i], prefix, file)) {
        refs.push_back(std::move(*ref));
      }
    }
  }
}

}  // namespace

std::vector<EnvRef> scan_pydantic(const SourceText& source, std::string_view file) {
  std::vector<EnvRef> refs;
  const std::string_view code = source.code();
  if (code.find("BaseSettings") == std::string_view::npos) {
    return refs;
  }
  const std::vector<Line> lines = split_lines(code);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_settings_class(code.substr(lines[i].begin, lines[i].end - lines[i].begin))) {
      scan_class(source, lines, i, file, refs);
    }
  }
  return refs;
}

}  // namespace shipcheck::envrefs
