// Schema of the run-history database as an ordered list of migrations (PRAGMA user_version).
#pragma once

#include <sqlite3.h>

#include <span>
#include <string_view>

namespace shipcheck::store {

// Step i (0-based) takes the schema from version i to i + 1. Append only: a released step
// is never edited, since databases in the field have already applied it.
std::span<const std::string_view> migrations();

// The schema version this build writes: migrations().size().
int latest_schema_version();

// PRAGMA user_version of `db` (0 for a new database).
int read_schema_version(sqlite3* db);

// Applies the missing steps, each in its own write transaction that also bumps
// user_version, re-reading the version under the lock so that concurrent openers apply each
// step once. Returns how many steps this call applied. Throws StoreError when the database
// is newer than this build or a step fails (that step is rolled back).
int migrate(sqlite3* db);

}  // namespace shipcheck::store
