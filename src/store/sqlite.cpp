// RAII wrappers over sqlite3: every error becomes a StoreError with SQLite's own message.
#include "store/sqlite.h"

#include <fmt/format.h>

namespace shipcheck::store {
namespace {

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

Transaction::Transaction(sqlite3* db) : m_db(db) {
  exec(db, "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (m_open) {
    // Best effort: a failed rollback leaves SQLite to roll back when the handle closes.
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  exec(m_db, "COMMIT");
  m_open = false;
}

}  // namespace shipcheck::store
