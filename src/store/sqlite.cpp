// RAII wrappers over sqlite3 and the SQLite Db: every error becomes a StoreError with
// SQLite's own message.
#include "store/sqlite.h"

#include <fmt/format.h>

#include "store/migrations.h"

namespace shipcheck::store {
namespace {

// Long enough to wait out another shipcheck recording a run; short enough not to hang CI.
constexpr int k_busy_timeout_ms = 5000;

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(fmt::format("{}: {}", what, sqlite3_errmsg(db)));
}

void check_bind(sqlite3* db, int rc) {
  if (rc != SQLITE_OK) {
    fail(db, "binding a parameter");
  }
}

}  // namespace

void exec(sqlite3* db, std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string reason = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw StoreError(reason);
  }
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  m_stmt.reset(raw);
  if (rc != SQLITE_OK) {
    fail(db, "preparing a statement");
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  check_bind(m_db, sqlite3_bind_text64(m_stmt.get(), index, text.data(), text.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  check_bind(m_db, sqlite3_bind_int64(m_stmt.get(), index, value));
  return *this;
}

Statement& Statement::bind_null(int index) {
  check_bind(m_db, sqlite3_bind_null(m_stmt.get(), index));
  return *this;
}

void Statement::reset() {
  sqlite3_reset(m_stmt.get());
  sqlite3_clear_bindings(m_stmt.get());
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt.get());
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  fail(m_db, "executing a statement");
}

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(m_stmt.get(), column);
  const int size = sqlite3_column_bytes(m_stmt.get(), column);
  return data == nullptr
             ? std::string()
             : std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(m_stmt.get(), column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

Row Statement::row() const {
  std::vector<std::optional<std::string>> values;
  const int columns = sqlite3_column_count(m_stmt.get());
  values.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) {
    values.push_back(is_null(c) ? std::nullopt : std::optional<std::string>(text(c)));
  }
  return Row(std::move(values));
}

namespace {

DbHandle open_sqlite_handle(const std::filesystem::path& db_path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    throw StoreError(raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
  }
  sqlite3_busy_timeout(db.get(), k_busy_timeout_ms);
  // The first statement that reads the file: a corrupt or foreign file fails here.
  exec(db.get(), "PRAGMA journal_mode = WAL");
  exec(db.get(), "PRAGMA foreign_keys = ON");
  return db;
}

void bind_sqlite_value(Statement& stmt, int index, const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    stmt.bind(index, *text);
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    stmt.bind(index, *number);
  } else {
    stmt.bind_null(index);
  }
}

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(DbHandle db) : m_db(std::move(db)) {}

  void exec(std::string_view sql) override { store::exec(m_db.get(), sql); }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    Statement stmt(m_db.get(), sql);
    for (std::size_t i = 0; i < params.size(); ++i) {
      bind_sqlite_value(stmt, static_cast<int>(i + 1), params[i]);
    }
    std::vector<Row> rows;
    while (stmt.step()) {
      rows.push_back(stmt.row());
    }
    return rows;
  }

  void begin() override { exec("BEGIN IMMEDIATE"); }
  void lock_schema() override {}  // BEGIN IMMEDIATE holds the write lock already

  int schema_version() override {
    Statement stmt(m_db.get(), "PRAGMA user_version");
    return stmt.step() ? static_cast<int>(stmt.integer(0)) : 0;
  }
  void set_schema_version(int version) override {
    exec(fmt::format("PRAGMA user_version = {}", version));
  }
  std::string migration_sql(std::size_t step) const override { return sqlite_migration(step); }

 private:
  DbHandle m_db;
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const std::filesystem::path& db_path) {
  return std::make_unique<SqliteDb>(open_sqlite_handle(db_path));
}

}  // namespace shipcheck::store
