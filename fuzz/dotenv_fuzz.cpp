// libFuzzer target for the dotenv parser: any bytes parse or fail cleanly, and what
// comes back is consistent (positions inside the input, valid keys, values round-trip).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "engines/dotenv/dotenv.h"

namespace {

using shipcheck::dotenv::Entry;
using shipcheck::dotenv::File;

// abort() is what libFuzzer and the replay driver both report as a failure.
void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

bool is_valid_key(std::string_view key) {
  const auto start = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  const auto rest = [&start](char c) {
    return start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
  };
  return !key.empty() && start(key.front()) && std::all_of(key.begin() + 1, key.end(), rest);
}

std::optional<std::string> lookup(std::string_view name) {
  if (name == "HOME") {
    return "/home/fuzz";
  }
  if (name == "EMPTY") {
    return "";
  }
  return std::nullopt;
}

int line_count(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// Entries come in file order, at positions inside the text, with well-formed keys.
void check_entries(const File& file, std::string_view text) {
  int previous_line = 1;
  for (const Entry& entry : file.entries) {
    require(entry.line >= previous_line && entry.line <= line_count(text));
    require(entry.column >= 1);
    require(is_valid_key(entry.key));
    previous_line = entry.line;
  }
}

// A value written back single-quoted must parse to itself. Values holding a single
// quote cannot be written so; a CR (from a "\r" escape) would meet CRLF normalization.
bool round_trips(const Entry& entry) {
  return entry.value.find_first_of("'\r") == std::string::npos;
}

void check_round_trip(const File& file) {
  std::string text;
  for (const Entry& entry : file.entries) {
    if (round_trips(entry)) {
      text += (entry.exported ? "export " : "") + entry.key + "='" + entry.value + "'\n";
    }
  }
  const auto again = shipcheck::dotenv::parse(text);
  require(again.has_value());
  auto it = again->entries.begin();
  for (const Entry& entry : file.entries) {
    if (round_trips(entry)) {
      require(it != again->entries.end());
      require(it->key == entry.key && it->value == entry.value && it->exported == entry.exported);
      ++it;
    }
  }
  require(it == again->entries.end());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming): libFuzzer API
    const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = shipcheck::dotenv::parse(text, "fuzz.env", lookup);
  if (!parsed) {
    const shipcheck::ParseError& error = parsed.error();
    require(error.line >= 1 && error.line <= line_count(text));
    require(error.column >= 1);
    require(!error.message.empty() && !error.hint.empty());
    require(error.message.rfind("internal", 0) != 0);
    return 0;
  }
  check_entries(*parsed, text);
  check_round_trip(*parsed);
  return 0;
}
