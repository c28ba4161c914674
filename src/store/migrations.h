// Schema of the run-history database as an ordered list of migrations, one text for both
// backends: SQLite counts them in PRAGMA user_version, PostgreSQL in a shipcheck_schema table.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "store/db.h"

namespace shipcheck::store {

// Step i (0-based) takes the schema from version i to i + 1. Append only: a released step
// is never edited, since databases in the field have already applied it.
std::span<const std::string_view> migrations();

// The schema version this build writes: migrations().size().
int latest_schema_version();

// Step `step` as SQLite runs it (the text as written) and as PostgreSQL runs it: 64-bit
// BIGINT for SQLite's INTEGER, BIGSERIAL ids, and an ordering column for results, which
// PostgreSQL has no rowid to read back in recorded order by.
std::string sqlite_migration(std::size_t step);
std::string postgres_migration(std::size_t step);

// Applies the missing steps, each in its own write transaction that also bumps the version,
// re-reading the version under the schema lock so that concurrent openers apply each step
// once. Returns how many steps this call applied. Throws StoreError when the database is
// newer than this build or a step fails (that step is rolled back).
int migrate(Db& db);

// Returns `version`, or throws StoreError when it comes from a newer shipcheck: its tables
// may mean something this build would misread or damage.
int known_version(int version);

}  // namespace shipcheck::store
