// DRL checks' tests: a drill run against a real server whose application role may create
// databases, with drills enabled and dependencies.postgres reading the URL from a variable.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "checks/postgres/pg_fixture.h"
#include "config/config.h"
#include "support/fixture.h"
#include "support/postgres.h"

namespace shipcheck::test {

// A server whose role `app` holds CREATEDB (what the drills' scratch databases need) and
// a small schema with rows: two tables joined by a foreign key, an index, a view, an enum.
inline std::unique_ptr<Postgres> drill_server() {
  auto server = std::make_unique<Postgres>();
  server->sql("ALTER ROLE app CREATEDB", "postgres");
  as_app(
      *server,
      "CREATE TYPE task_state AS ENUM ('open', 'done');"
      "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);"
      "CREATE TABLE tasks (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id),"
      " title text NOT NULL DEFAULT 'untitled', state task_state NOT NULL DEFAULT 'open');"
      "CREATE INDEX tasks_user_id_idx ON tasks (user_id);"
      "CREATE VIEW open_tasks AS SELECT id, title FROM tasks WHERE state = 'open';"
      "INSERT INTO users (email) SELECT 'u' || i || '@example.test' FROM generate_series(1, 3) i;"
      "INSERT INTO tasks (user_id, title) SELECT 1 + i % 3, 't' || i FROM generate_series(1, 40) "
      "i;");
  return server;
}

// The databases on `server` a drill left behind (named shipcheck_drill_*).
inline std::vector<std::string> leftover_scratch_databases(const Postgres& server) {
  return server.sql("SELECT datname FROM pg_database WHERE datname LIKE 'shipcheck\\_drill\\_%'",
                    "postgres");
}

// Runs `check` with drills enabled against the database at `url`; `adjust` edits the config.
inline std::vector<Result> run_drill(const Check& check, const std::string& url,
                                     const std::function<void(Config&)>& adjust = {},
                                     const std::filesystem::path& root = {}) {
  return run_with_database(
      check, url,
      [&adjust](Config& config) {
        config.drills.enabled = true;
        if (adjust) {
          adjust(config);
        }
      },
      root);
}

}  // namespace shipcheck::test
