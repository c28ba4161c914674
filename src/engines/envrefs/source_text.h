// SourceText: a source file with its comments and string contents blanked out, so that
// pattern matching sees only code, while the original text stays at the same offsets.
// Internal to the envrefs engine.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engines/envrefs/envrefs.h"

namespace shipcheck::envrefs {

// How far a call's closing parenthesis is looked for; keeps odd input linear.
inline constexpr std::size_t k_max_call_chars = 4096;

class SourceText {
 public:
  SourceText(std::string_view text, Language language);

  std::string_view text() const { return m_text; }
  // Same length as text(): comments and string contents are spaces (newlines kept);
  // quote characters, JS template `${...}` code and everything else are kept.
  std::string_view code() const { return m_code; }
  // 1-based line of a byte offset.
  int line_of(std::size_t pos) const;

  // Offset of the first non-blank code character at or after pos (code().size() if none,
  // also for any pos past the end).
  std::size_t skip_space(std::size_t pos) const;
  // If a string literal opens at pos, returns its original content and sets `end` past the
  // closing quote. Triple-quoted and prefixed (f"...") literals are not names: nullopt.
  std::optional<std::string> literal_at(std::size_t pos, std::size_t& end) const;

 private:
  std::string_view m_text;
  std::string m_code;
  std::vector<std::size_t> m_line_starts;
};

bool is_ident_char(char c);
// True iff name is a plausible environment variable name: [A-Za-z_][A-Za-z0-9_]*.
bool is_env_name(std::string_view name);

// Python-specific: fields of pydantic BaseSettings subclasses.
std::vector<EnvRef> scan_pydantic(const SourceText& source, std::string_view file);

}  // namespace shipcheck::envrefs
