// Parses shipcheck.yaml's text into its one YAML document with yaml-cpp, turning
// yaml-cpp's exceptions and blind spots into positioned ParseErrors.
#pragma once

#include <string_view>

#include <yaml-cpp/yaml.h>
#include <tl/expected.hpp>

#include "core/parse_error.h"

namespace shipcheck::config {

// The single document of `text` (never null: an empty one is the "empty config" error).
// Errors: YAML syntax (a tab in the indentation named as such), more than one document,
// a stray token yaml-cpp cannot consume. Marks of the result index into `text`.
tl::expected<YAML::Node, ParseError> parse_single_document(std::string_view text,
                                                           std::string_view file);

}  // namespace shipcheck::config
