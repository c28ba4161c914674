// ParseError: what every parser returns on bad input, with file:line:column and a hint.
#pragma once

#include <string>

#include <fmt/format.h>

namespace shipcheck {

struct ParseError {
  std::string file;  // may be empty when parsing a string
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
  std::string message;
  std::string hint;  // optional "did you mean ..." or how to fix

  // "file:line:column: message" (+ "\n  hint: ..."), the form compilers use.
  std::string to_string() const {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
      out += fmt::format(":{}", line);
      if (column > 0) {
        out += fmt::format(":{}", column);
      }
    }
    out += ": " + message;
    if (!hint.empty()) {
      out += "\n  hint: " + hint;
    }
    return out;
  }
};

}  // namespace shipcheck
