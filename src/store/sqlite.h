// Thin RAII layer over the sqlite3 C API: owned handles, prepared statements, transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shipcheck::store {

// Every SQLite failure below open() surfaces as this, carrying sqlite3_errmsg().
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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

 private:
  sqlite3* m_db;
  StatementHandle m_stmt;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so two writers wait on the
// busy timeout instead of failing mid-transaction); ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  sqlite3* m_db;
  bool m_open = true;
};

}  // namespace shipcheck::store
