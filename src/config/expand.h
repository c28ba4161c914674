// ${VAR} expansion in shipcheck.yaml string values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "config/loader.h"

namespace shipcheck::config {

struct Expansion {
  std::string text;                 // the value with every ${VAR} replaced
  std::vector<std::string> values;  // the non-empty substituted values, for redaction
};

// Why an expansion failed. Never contains a variable's value, only its name.
struct ExpansionError {
  std::string message;
  std::string hint;
};

// Replaces each ${NAME} in `raw` by env(NAME); `$${` stands for a literal `${`.
// An unset variable, a bad name, a missing `}` or a result longer than `max_bytes` is an
// error.
tl::expected<Expansion, ExpansionError> expand_vars(std::string_view raw, const EnvLookup& env,
                                                    std::size_t max_bytes);

}  // namespace shipcheck::config
