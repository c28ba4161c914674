// What `history` and `diff` share: the project's run history, found as `run` finds it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "store/store.h"

namespace shipcheck::cli {

// The history of the project at or above `dir` (its config's `store:`, else its root's file,
// as `run` stores it), opened; nullopt when nothing was recorded there yet. An error names
// the file or the database (never a password) and why.
tl::expected<std::optional<store::Store>, std::string> open_history(const std::string& dir,
                                                                    const std::string& config);

// "2026-11-22 19:41:07" from RFC 3339 "2026-11-22T19:41:07Z"; other text as it is.
std::string short_time(const std::string& rfc3339);

}  // namespace shipcheck::cli
