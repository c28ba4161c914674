// parse_checklist: guards the input (binary, size), picks Markdown or plain text, and
// hands over to the parser for it.
#include "engines/checklist/checklist.h"

#include <optional>

#include <fmt/format.h>

#include "core/text.h"
#include "engines/checklist/text.h"

namespace shipcheck::checklist {
namespace {

constexpr std::string_view k_pilcrow_suffix = "\xC2\xB6";

std::string_view trim_right(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

std::string_view trim_left(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  return line;
}

// "- [ ]", "* [x]", "1. [ ]": a GFM task list marker.
bool is_task_line(std::string_view line) {
  line = trim_left(line);
  std::size_t i = 0;
  if (!line.empty() && (line[0] == '-' || line[0] == '*' || line[0] == '+')) {
    i = 1;
  } else {
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
      ++i;
    }
    if (i == 0 || i >= line.size() || (line[i] != '.' && line[i] != ')')) {
      return false;
    }
    ++i;
  }
  const std::string_view rest = trim_left(line.substr(i));
  return rest.size() >= 3 && rest[0] == '[' && rest[2] == ']' &&
         (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X');
}

bool is_atx_heading(std::string_view line) {
  line = trim_left(line);
  std::size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') {
    ++hashes;
  }
  return hashes >= 1 && hashes <= 6 && (hashes == line.size() || line[hashes] == ' ');
}

// The first NUL as a located error: text with one is binary, not a checklist.
std::optional<ParseError> find_binary(std::string_view text, std::string_view file_name) {
  const std::size_t nul = text.find('\0');
  if (nul == std::string_view::npos) {
    return std::nullopt;
  }
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < nul; ++i) {
    const bool crlf = text[i] == '\r' && i + 1 < nul && text[i + 1] == '\n';
    if ((text[i] == '\n' || text[i] == '\r') && !crlf) {
      ++line;
      line_start = i + 1;
    }
  }
  return ParseError{std::string(file_name), line, static_cast<int>(nul - line_start) + 1,
                    "binary data (a NUL byte), not a checklist",
                    "give a Markdown or plain-text file"};
}

}  // namespace

bool is_shell(const CodeBlock& block) {
  const std::string& lang = block.language;
  return lang.empty() || lang == "bash" || lang == "sh" || lang == "shell" || lang == "console" ||
         lang == "zsh" || lang == "shell-session";
}

bool looks_like_plain_text(std::string_view text) {
  int pilcrows = 0;
  int atx = 0;
  for (const std::string_view line : detail::split_lines(text)) {
    if (is_task_line(line)) {
      return false;
    }
    const std::string_view right = trim_right(line);
    pilcrows += right.size() >= k_pilcrow_suffix.size() &&
                right.substr(right.size() - k_pilcrow_suffix.size()) == k_pilcrow_suffix;
    atx += is_atx_heading(line);
  }
  // A copy may hold shell comments ("# CRITICAL") that look like headings; the
  // pilcrow headings must outnumber them.
  return pilcrows >= 2 && pilcrows > atx;
}

tl::expected<Checklist, ParseError> parse_checklist(std::string_view text,
                                                    std::string_view file_name, Mode mode) {
  if (text.size() > k_max_checklist_bytes) {
    return tl::make_unexpected(
        ParseError{std::string(file_name), 0, 0,
                   fmt::format("checklist is {} bytes, more than the {} allowed", text.size(),
                               k_max_checklist_bytes),
                   "split the checklist into smaller files"});
  }
  if (auto binary = find_binary(text, file_name)) {
    return tl::make_unexpected(std::move(*binary));
  }
  // Items go into YAML and Markdown, which take only UTF-8: a stray Latin-1 byte becomes
  // U+FFFD here, once, instead of breaking the config `import` writes. Lines stay as they were.
  const std::string clean = to_valid_utf8(text);
  const bool plain =
      mode == Mode::plain_text || (mode == Mode::detect && looks_like_plain_text(clean));
  return plain ? detail::parse_plain_text(clean) : detail::parse_markdown(clean);
}

}  // namespace shipcheck::checklist
