// Internal to the dotenv parser: `\` escapes and ${VAR} / $VAR expansion of one value.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace shipcheck::dotenv::detail {

// An error at a byte offset of the parsed text; the parser turns the offset into
// line:column only when it reports the error.
struct Fault {
  std::size_t offset = 0;
  std::string message;
  std::string hint;
};

// The character at text[offset] for a message: 'x' when printable ASCII, the whole UTF-8
// sequence when multi-byte, else a hex byte such as 0x0D. Empty at the end of the text.
std::string describe_char(std::string_view text, std::size_t offset);

// Returns the current value of a variable, or nullopt when it is unset.
using Resolve = std::function<std::optional<std::string>(std::string_view)>;

// Bytes that substitutions may add over one whole parse. A few lines that each repeat
// the previous variable several times grow exponentially; this cap keeps that bounded.
inline constexpr std::size_t k_max_expansion = std::size_t{32} << 20;
// `${A:-${B:-${C:-...}}}` deeper than this is an error rather than a deep recursion.
inline constexpr int k_max_nesting = 16;

// Expands values of one text. Supported: `$NAME`, `${NAME}`, `${NAME:-default}`,
// `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`, and `${NAME:?msg}` / `${NAME?msg}`
// (which expand like `${NAME}`: an unset variable is "" here, not an error). A `$` not
// followed by a name or `{` is literal. Defaults are expanded themselves.
class Expander {
 public:
  // `text` must outlive the expander; `resolve` is called for every referenced name.
  Expander(std::string_view text, Resolve resolve) : m_text(text), m_resolve(std::move(resolve)) {}

  // Expands text[begin, end). With `escapes`, `\n \t \r \\ \" \' \$` are decoded (other
  // backslashes stay as written), as inside double quotes. Work is linear in the span
  // plus the size of what is substituted.
  tl::expected<std::string, Fault> expand(std::size_t begin, std::size_t end, bool escapes);

 private:
  struct Span {
    std::size_t pos;
    std::size_t end;
    bool escapes;
  };
  using Step = tl::expected<void, Fault>;

  Step copy_until(Span& span, bool in_braces, int depth, std::string& out);
  Step substitute(Span& span, int depth, std::string& out);
  Step substitute_braced(Span& span, int depth, std::string& out);
  Step apply_operator(Span& span, std::string_view name, std::size_t dollar, int depth,
                      std::string& out);
  Step append_value(std::string_view value, std::size_t dollar, std::string& out);
  void unescape(Span& span, std::string& out) const;

  std::string_view m_text;
  Resolve m_resolve;
  std::size_t m_budget = k_max_expansion;
};

}  // namespace shipcheck::dotenv::detail
