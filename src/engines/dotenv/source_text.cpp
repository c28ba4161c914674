// Raw text checks for the dotenv parser: BOM, CRLF, binary content, line:column.
#include "engines/dotenv/source_text.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::dotenv::detail {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

bool is_allowed_control(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Fault control_fault(std::size_t offset, unsigned char c) {
  if (c == 0) {
    return Fault{offset, "NUL byte in the file",
                 "a .env file is plain UTF-8 text; this looks like binary data or UTF-16 "
                 "(save it as UTF-8)"};
  }
  return Fault{offset, fmt::format("control character 0x{:02X} in the file", c),
               "remove it: a .env file is plain text (tabs and line breaks are fine)"};
}

}  // namespace

std::string normalize(std::string_view text) {
  if (text.substr(0, k_bom.size()) == k_bom) {
    text.remove_prefix(k_bom.size());
  }
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t cr = text.find("\r\n"); cr != std::string_view::npos;
       cr = text.find("\r\n", from)) {
    out.append(text.substr(from, cr - from));
    from = cr + 1;  // keep the '\n'
  }
  out.append(text.substr(from));
  return out;
}

std::optional<Fault> check_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80) {
      ++i;
    } else if (c < 0x20) {
      if (!is_allowed_control(c)) {
        return control_fault(i, c);
      }
      ++i;
    } else if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      i += length;
    } else {
      return Fault{i, fmt::format("invalid UTF-8 (byte 0x{:02X})", c),
                   "save the file as UTF-8 text"};
    }
  }
  return std::nullopt;
}

int column_at(std::string_view text, std::size_t line_start, std::size_t offset) {
  const std::string_view before = text.substr(line_start, offset - line_start);
  const auto characters = std::count_if(before.begin(), before.end(), [](char c) {
    return !is_continuation(static_cast<unsigned char>(c));
  });
  return static_cast<int>(characters) + 1;
}

Position locate(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  Position at;
  at.line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
  at.column = column_at(text, line_start, offset);
  return at;
}

}  // namespace shipcheck::dotenv::detail
