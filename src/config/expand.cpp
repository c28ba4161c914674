// ${VAR} expansion: substitutes environment values and remembers them for redaction.
#include "config/expand.h"

#include <fmt/format.h>

#include "config/values.h"
#include "config/yaml_reader.h"

namespace shipcheck::config {

tl::expected<Expansion, ExpansionError> expand_vars(std::string_view raw, const EnvLookup& env,
                                                    std::size_t max_bytes) {
  Expansion out;
  std::size_t i = 0;
  while (i < raw.size()) {
    if (raw.substr(i, 3) == "$${") {
      out.text += "${";
      i += 3;
      continue;
    }
    if (raw.substr(i, 2) != "${") {
      out.text += raw[i++];
      continue;
    }
    const std::size_t close = raw.find('}', i + 2);
    if (close == std::string_view::npos) {
      return tl::make_unexpected(ExpansionError{"unterminated ${ reference (missing '}')",
                                                "write ${NAME}, or $${ for a literal ${"});
    }
    const std::string_view name = raw.substr(i + 2, close - i - 2);
    if (!is_var_name(name)) {
      return tl::make_unexpected(
          ExpansionError{fmt::format("'${{{}}}' is not a valid variable reference", shown(name)),
                         "variable names are letters, digits and _, e.g. ${API_HOST}"});
    }
    const std::optional<std::string> value = env ? env(name) : std::nullopt;
    if (!value) {
      return tl::make_unexpected(
          ExpansionError{fmt::format("environment variable '{}' is not set", name),
                         fmt::format("export {} before running shipcheck, or remove the ${{{}}} "
                                     "reference",
                                     name, name)});
    }
    if (out.text.size() + value->size() > max_bytes) {
      return tl::make_unexpected(ExpansionError{
          fmt::format("value is longer than {} bytes after expanding ${{{}}}", max_bytes, name),
          "check what the variable holds"});
    }
    out.text += *value;
    if (!value->empty()) {
      out.values.push_back(*value);
    }
    i = close + 1;
  }
  return out;
}

}  // namespace shipcheck::config
