// The little SQL the store needs from a database, behind one interface with two backends:
// SQLite (store/sqlite.h, a project's own file) and PostgreSQL (store/postgres.h, a history a
// team and its CI share). The store's logic is written once over it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace shipcheck::store {

// Every database failure after opening surfaces as this, carrying the database's own message.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bound parameter: NULL, an integer or text.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;

// One row of a query's answer, each column as text (nullopt for NULL): what both backends
// can give without knowing the column types.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> values) : m_values(std::move(values)) {}

  std::string text(std::size_t column) const;      // "" for NULL
  std::int64_t integer(std::size_t column) const;  // 0 for NULL or not a number
  bool is_null(std::size_t column) const { return !m_values.at(column); }

 private:
  std::vector<std::optional<std::string>> m_values;
};

// A connection to one history database. Every failure throws StoreError with the database's
// own words (never a password). Not for concurrent use from several threads.
class Db {
 public:
  virtual ~Db() = default;
  Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs `sql`, one or more statements without parameters; their rows are dropped.
  virtual void exec(std::string_view sql) = 0;
  // Runs one statement whose parameters are written `?` and bound in order; returns its rows.
  virtual std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) = 0;

  // Opens a write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE), so two
  // writers wait on the busy timeout instead of failing mid-transaction.
  virtual void begin() = 0;

  // Within the transaction begin() opened: makes concurrent migrations of the same database
  // wait for each other (SQLite's write lock already does; PostgreSQL takes an advisory lock).
  virtual void lock_schema() = 0;
  // The schema version (0 for a database shipcheck never wrote), and writing it within a
  // migration's transaction.
  virtual int schema_version() = 0;
  virtual void set_schema_version(int version) = 0;
  // Migration step `step` (store/migrations.h) in this database's dialect.
  virtual std::string migration_sql(std::size_t step) const = 0;
};

// begin() on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Db& m_db;
  bool m_open = true;
};

}  // namespace shipcheck::store
