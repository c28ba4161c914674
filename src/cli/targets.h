// The targets of `shipcheck probe`: URLs from the command line and from --targets FILE (one
// URL a line, blank lines and # comments ignored), each checked before anything is sent.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace shipcheck::cli {

// Why `url` cannot be probed (naming it), or nullopt.
std::optional<std::string> invalid_url(const std::string& url);

// The URLs of a targets file's text, in order; `name` is the file as given, for errors,
// which read "name:line: why".
tl::expected<std::vector<std::string>, std::string> parse_targets(std::string_view text,
                                                                  std::string_view name);

// parse_targets on the file's content; an unreadable file is an error naming it.
tl::expected<std::vector<std::string>, std::string> read_targets(const std::filesystem::path& file);

// `urls` without repeats, first occurrence kept: a target listed twice is probed once.
std::vector<std::string> without_repeats(const std::vector<std::string>& urls);

}  // namespace shipcheck::cli
