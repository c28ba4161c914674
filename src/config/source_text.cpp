// Raw-text checks for shipcheck.yaml: encoding, control bytes, nesting, tabs, quotes.
#include "config/source_text.h"

#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::config {
namespace {

constexpr std::string_view k_text_hint = "shipcheck.yaml must be UTF-8 text";

SourceProblem problem_at(std::string_view text, std::size_t offset, std::string message) {
  return SourceProblem{position_of(text, offset), std::move(message), std::string(k_text_hint)};
}

// Scans one line for flow brackets outside quotes and comments; carries quote state.
class FlowScanner {
 public:
  // Returns the offset in `line` where flow depth + `block_depth` first exceeds the limit.
  std::optional<std::size_t> scan(std::string_view line, int block_depth) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (m_quote != 0) {
        skip_quoted(line, i);
        continue;
      }
      const bool at_token_start =
          i == 0 || std::string_view(" \t[{,:").find(line[i - 1]) != std::string_view::npos;
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        return std::nullopt;
      }
      if ((c == '"' || c == '\'') && at_token_start) {
        m_quote = c;
      } else if (c == '[' || c == '{') {
        if (block_depth + ++m_depth > k_max_nesting) {
          return i;
        }
      } else if ((c == ']' || c == '}') && m_depth > 0) {
        --m_depth;
      }
    }
    return std::nullopt;
  }
  int depth() const { return m_depth; }

 private:
  void skip_quoted(std::string_view line, std::size_t& i) {
    if (m_quote == '"' && line[i] == '\\') {
      ++i;
    } else if (line[i] == m_quote) {
      m_quote = 0;
    }
  }

  int m_depth = 0;
  char m_quote = 0;
};

// Block nesting as a stack of indentation columns; "- - x" opens one level per dash.
class BlockScanner {
 public:
  int enter_line(std::string_view line) {
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line[indent] == '#' || line[indent] == '\r') {
      return static_cast<int>(m_indents.size());
    }
    while (!m_indents.empty() && m_indents.back() >= indent) {
      m_indents.pop_back();
    }
    m_indents.push_back(indent);
    while (line.substr(indent, 2) == "- " && m_indents.size() <= k_max_nesting) {
      indent = line.find_first_not_of(' ', indent + 1);
      if (indent == std::string_view::npos) {
        break;
      }
      m_indents.push_back(indent);
    }
    return static_cast<int>(m_indents.size());
  }

 private:
  std::vector<std::size_t> m_indents;
};

}  // namespace

SourcePos position_of(std::string_view text, std::size_t offset) {
  SourcePos pos{1, 1};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      line_start = i + 1;
    }
  }
  pos.column = static_cast<int>(offset - line_start) + 1;
  return pos;
}

std::optional<SourceProblem> find_bad_bytes(std::string_view text) {
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    return problem_at(text, 0, "file is UTF-16 or UTF-32 encoded (byte-order mark)");
  }
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      return problem_at(text, i, "binary data: NUL byte");
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return problem_at(text, i, fmt::format("control character 0x{:02X}", c));
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      return problem_at(text, i, fmt::format("invalid UTF-8 byte 0x{:02X}", c));
    }
    i += length;
  }
  return std::nullopt;
}

std::optional<SourceProblem> find_deep_nesting(std::string_view text) {
  FlowScanner flow;
  BlockScanner block;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    const std::string_view line = text.substr(start, end - start);
    const int block_depth = flow.depth() == 0 ? block.enter_line(line) : 0;
    std::optional<std::size_t> at = flow.scan(line, block_depth);
    if (!at && block_depth > k_max_nesting) {
      at = 0;
    }
    if (at) {
      return SourceProblem{position_of(text, start + *at),
                           fmt::format("nesting deeper than {} levels", k_max_nesting),
                           "shipcheck.yaml needs a few levels; flatten this structure"};
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<SourcePos> find_tab_indent(std::string_view text, int last_line) {
  std::size_t start = 0;
  for (int line = 1; line <= last_line && start < text.size(); ++line) {
    for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') {
        return SourcePos{line, static_cast<int>(i - start) + 1};
      }
    }
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return std::nullopt;
}

bool quote_unterminated(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) {
    return false;
  }
  const char quote = text[offset];
  for (std::size_t i = offset + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return false;
    }
  }
  return true;
}

}  // namespace shipcheck::config
