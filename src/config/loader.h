// shipcheck.yaml → Config: reading, validation, ${VAR} expansion and config discovery.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "config/config.h"
#include "core/parse_error.h"

namespace shipcheck::config {

// Looks up an environment variable by name; nullopt = unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;

// Reads the process environment (getenv).
std::optional<std::string> process_env(std::string_view name);

// A config bigger than this is refused before parsing (a config is a few KiB).
inline constexpr std::size_t k_max_config_bytes = 1024 * 1024;

// Reads and validates `file`. Relative `project:` resolves against the file's directory.
// Config::file is the file's absolute path. Errors carry file:line:column and a hint;
// never throws, hangs on special files, or echoes a value that came from ${VAR}.
// Defaults the schema does not show: `service` = the root directory's name; an empty
// `postgres:` / `redis:` section reads DATABASE_URL / REDIS_URL; a manual item's title =
// its id. `$${` in a value is a literal `${`. url_env/token_env hold names, unexpanded.
tl::expected<Config, ParseError> load_config(const std::filesystem::path& file,
                                             const EnvLookup& env = process_env);

// Same as load_config on text already in memory. `file_name` is only used in errors and
// as Config::file; `base_dir` is what `project:` is relative to (and the default root).
tl::expected<Config, ParseError> load_config_text(std::string_view text, std::string_view file_name,
                                                  const std::filesystem::path& base_dir,
                                                  const EnvLookup& env);

// shipcheck.yaml (or shipcheck.yml) in `dir` or the nearest parent that has one;
// the result is absolute. nullopt when none up to the filesystem root.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& dir);

}  // namespace shipcheck::config
