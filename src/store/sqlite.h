// The SQLite backend of the store (a project's own .shipcheck/history.db), over a thin RAII
// layer on the sqlite3 C API: owned handles and prepared statements.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "store/db.h"

namespace shipcheck::store {

// Opens or creates the file `db_path` (its directory must exist) with WAL and a busy timeout.
// Throws StoreError when it cannot be opened or is not a database.
std::unique_ptr<Db> open_sqlite(const std::filesystem::path& db_path);

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Runs one or more SQL statements that return no rows needed by the caller.
void exec(sqlite3* db, std::string_view sql);

// One prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // Makes the statement runnable again with fresh bindings.
  void reset();

  // Returns true while a row is available, false when done; throws StoreError on failure.
  bool step();

  std::string text(int column) const;  // "" for NULL
  std::int64_t integer(int column) const;
  bool is_null(int column) const;
  Row row() const;  // every column of the current row

 private:
  sqlite3* m_db;
  StatementHandle m_stmt;
};

}  // namespace shipcheck::store
