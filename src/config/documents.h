// Parses shipcheck.yaml's text into its one YAML document with yaml-cpp, turning
// yaml-cpp's exceptions and blind spots into positioned ParseErrors.
#pragma once

#include <string_view>

#include <yaml-cpp/yaml.h>
#include <tl/expected.hpp>

#include "config/config.h"
#include "core/parse_error.h"

namespace shipcheck::config {

// The single document of `text` (never null: an empty one is the "empty config" error).
// Errors: YAML syntax (a tab in the indentation named as such), more than one document,
// a stray token yaml-cpp cannot consume. Marks of the result index into `text`.
// A positioned config error (line/column 0 when `pos` is unknown).
ParseError error_at(std::string_view file, SourcePos pos, std::string message,
                    std::string hint = {});

tl::expected<YAML::Node, ParseError> parse_single_document(std::string_view text,
                                                           std::string_view file);

}  // namespace shipcheck::config
