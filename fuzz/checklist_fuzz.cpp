// libFuzzer target for the checklist parser (Markdown and plain text): any bytes parse or
// fail cleanly, and what comes back is consistent (lines inside the document, parents
// before their children, depth one more than the parent's).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/checklist/checklist.h"

namespace {

using shipcheck::checklist::Checklist;
using shipcheck::checklist::Item;
using shipcheck::checklist::Mode;

// abort() is what libFuzzer and the replay driver both report as a failure.
void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

// Lines as Markdown counts them: LF, CRLF and a lone CR each end one.
int line_count(std::string_view text) {
  int lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  return lines;
}

void check_items(const Checklist& list, std::string_view text) {
  const int lines = line_count(text);
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Item& item = list.items[i];
    require(item.line >= 1 && item.line <= lines);
    require(item.parent >= -1 && item.parent < static_cast<int>(i));
    const int parent_depth = item.parent >= 0 ? list.items[item.parent].depth : -1;
    require(item.depth == parent_depth + 1);
    for (const auto& code : item.code) {
      require(code.line >= 1 && code.line <= lines);
    }
  }
  for (const auto& loose : list.loose_code) {
    require(loose.block.line >= 1 && loose.block.line <= lines);
  }
}

void check_mode(std::string_view text, Mode mode) {
  const auto parsed = shipcheck::checklist::parse_checklist(text, "fuzz.md", mode);
  if (!parsed) {
    require(text.find('\0') != std::string_view::npos);
    require(parsed.error().line >= 1 && parsed.error().line <= line_count(text));
    require(parsed.error().column >= 1);
    return;
  }
  require(text.find('\0') == std::string_view::npos);
  check_items(*parsed, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming): libFuzzer API
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_mode(text, Mode::markdown);
  check_mode(text, Mode::plain_text);
  return 0;
}
