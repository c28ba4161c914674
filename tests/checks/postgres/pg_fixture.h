// PG checks' tests: a check run against a real server, with dependencies.postgres reading
// the URL from a variable of the test's own.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "support/fixture.h"
#include "support/postgres.h"

namespace shipcheck::test {

inline constexpr const char* k_pg_url_env = "SHIPCHECK_TEST_DATABASE_URL";

// Runs `check` with dependencies.postgres reading the database at `url`; `adjust` edits the
// whole config; `root` is the project (a fresh empty directory when not given).
inline std::vector<Result> run_with_database(const Check& check, const std::string& url,
                                             const std::function<void(Config&)>& adjust,
                                             const std::filesystem::path& root = {}) {
  setenv(k_pg_url_env, url.c_str(), 1);
  const TempDir empty;
  Config config = config_for(root.empty() ? empty.path() : root);
  config.dependencies.postgres.emplace();
  config.dependencies.postgres->url_env = k_pg_url_env;
  if (adjust) {
    adjust(config);
  }
  return run_check(check, config);
}

// Runs `check` with the database at `url`; `adjust` edits dependencies.postgres.
inline std::vector<Result> run_pg(const Check& check, const std::string& url,
                                  const std::function<void(PostgresConfig&)>& adjust = {},
                                  const std::filesystem::path& root = {}) {
  return run_with_database(
      check, url,
      [&adjust](Config& config) {
        if (adjust) {
          adjust(*config.dependencies.postgres);
        }
      },
      root);
}

// `sql` run as the application role (so that it owns what it creates), as the superuser.
inline void as_app(const Postgres& server, const std::string& sql) {
  server.sql("SET ROLE app; " + sql);
}

}  // namespace shipcheck::test
