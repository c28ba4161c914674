// dotenv parser with docker-compose / python-dotenv semantics: `export`, comments,
// single quotes (literal), double quotes (escapes, multiline, ${VAR} expansion),
// unquoted values (inline ` #` comments, ${VAR} expansion). Knows nothing of rules.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::dotenv {

struct Entry {
  std::string key;
  std::string value;      // after unquoting, unescaping and expansion
  int line = 0;           // 1-based line of the key
  int column = 0;         // 1-based column of the key
  bool exported = false;  // written as `export KEY=...`
  bool quoted = false;
};

struct File {
  std::vector<Entry> entries;  // in file order; a repeated key keeps every occurrence
  // The last entry for `key` (later assignments win, as in python-dotenv), or nullptr.
  const Entry* find(std::string_view key) const;
};

// Looks up a variable not defined earlier in the file; nullopt = unset (expands to "").
using Lookup = std::function<std::optional<std::string>(std::string_view)>;

// Parses `text`; `file` is only used in error locations. Never throws on bad input.
tl::expected<File, ParseError> parse(std::string_view text, std::string_view file = {},
                                     const Lookup& lookup = {});

// Reads and parses a file (size cap: 10 MiB, a bigger one is an error, not a hang).
tl::expected<File, ParseError> parse_file(const std::string& path, const Lookup& lookup = {});

}  // namespace shipcheck::dotenv
