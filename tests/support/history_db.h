// PostgreSQL for the run store's tests: one real server per test process, started on first
// use and stopped at exit, and a fresh database on it for each test that asks, so that tests
// stay independent of each other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shipcheck::test {

struct PgHistoryDb {
  std::string name;      // the database
  std::string url;       // postgresql://app:PASSWORD@127.0.0.1:PORT/NAME?sslmode=disable
  std::string password;  // of the role `app`, which owns the database
  int port = 0;
};

// Creates an empty database owned by `app` on the process's server.
PgHistoryDb fresh_pg_history_db();

// Runs `sql` in database `db` as `app` (as the store would); returns the first column of the
// last statement's rows. Throws with the server's message on failure.
std::vector<std::string> pg_as_app(std::string_view db, std::string_view sql);

}  // namespace shipcheck::test
