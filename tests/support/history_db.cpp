// One PostgreSQL server per test process for the store's tests (see history_db.h).
#include "support/history_db.h"

#include <fmt/format.h>

#include "support/postgres.h"

namespace shipcheck::test {
namespace {

// Started by the first test that needs it; the static's destructor stops it at exit.
Postgres& history_server() {
  static Postgres server(PostgresOptions{false, 40, false, {}});
  return server;
}

}  // namespace

PgHistoryDb fresh_pg_history_db() {
  static int created = 0;
  Postgres& server = history_server();
  PgHistoryDb db;
  db.name = fmt::format("history_{}", ++created);
  server.sql(fmt::format("CREATE DATABASE {} OWNER app", db.name), "postgres");
  db.password = server.password();
  db.port = server.port();
  db.url = fmt::format("postgresql://app:{}@127.0.0.1:{}/{}?sslmode=disable", db.password, db.port,
                       db.name);
  return db;
}

std::vector<std::string> pg_as_app(std::string_view db, std::string_view sql) {
  return history_server().sql(fmt::format("SET ROLE app; {}", sql), db);
}

}  // namespace shipcheck::test
