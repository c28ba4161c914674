// Context: everything a check may look at during one run. Read-only to checks; shared
// facts that several checks need are computed once through `memo`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/memo.h"
#include "engines/dotenv/dotenv.h"

namespace shipcheck {

struct Context {
  const Config& config;
  std::filesystem::path root;       // absolute project root
  std::optional<dotenv::File> env;  // the parsed env_file; nullopt = none configured/found
  std::string env_path;             // env_file relative to root, for locations
  Memo memo;
};

}  // namespace shipcheck
