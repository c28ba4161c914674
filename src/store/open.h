// The one way commands open a project's history: the PostgreSQL database `store:` names in
// shipcheck.yaml, else the project's own .shipcheck/history.db (docs/history.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "config/config.h"
#include "store/store.h"

namespace shipcheck::store {

// Where a project's history lives: `url` (config.store) when set, else `root`'s SQLite file.
struct HistoryLocation {
  std::filesystem::path root;
  std::string url;
};

// The history `config` names.
inline HistoryLocation history_location(const Config& config) {
  return {config.root, config.store};
}

enum class Access {
  // Creates the history if needed: the SQLite file (with .shipcheck/ and its .gitignore), or
  // the tables in PostgreSQL.
  write,
  // Creates nothing: a history nothing was recorded in yet (no file; no shipcheck tables in
  // the database) gives nullopt, so that reading never leaves a trace. An older schema is
  // still migrated, since this build can only read its own.
  read,
};

// Opens the history at `where`. Errors name the file or the database, never the password.
tl::expected<std::optional<Store>, std::string> open_history(const HistoryLocation& where,
                                                             Access access);

// How messages name the history: its file's path, or "postgres://host:port/db".
std::string history_name(const HistoryLocation& where);

}  // namespace shipcheck::store
